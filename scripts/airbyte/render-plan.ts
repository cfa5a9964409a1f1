import type { ApplyResult } from "./apply-connection-plan.ts";
import type { ConnectionPlan, FieldChange, PlannedConnection } from "./plan-connections.ts";

const SYMBOL: Record<PlannedConnection["action"], string> = { create: "+", update: "~", unchanged: "=", recreate: "-/+", error: "!" };

function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function change(c: FieldChange): string {
  if (c.field.startsWith("secret changed")) return c.field;
  if (c.from === undefined && c.to !== undefined && (c.field === "connection" || c.field === "source")) return `${c.field} ${show(c.to)}`;
  if (c.field === "recreate") return `recreate: ${show(c.to)}`;
  return `${c.field}: ${show(c.from)} -> ${show(c.to)}`;
}

/**
 * The plan as terminal text: one line per connection, indented field changes.
 *
 * @param plan The plan.
 * @param options Whether to list unchanged connections.
 * @returns The text.
 * @example
 * ```ts
 * import { renderPlanText } from "./render-plan.ts";
 * const text = renderPlanText({ connections: [], unmanaged: [], summary: { create: 0, update: 0, unchanged: 0, recreate: 0, error: 0, prune: 0, blocked: 0 }, hasChanges: false });
 * console.assert(text.includes("No changes"));
 * ```
 */
export function renderPlanText(plan: ConnectionPlan, options: { showUnchanged?: boolean } = {}): string {
  const lines: string[] = [];
  for (const c of plan.connections) {
    if (c.action === "unchanged" && !options.showUnchanged) continue;
    const label = c.action === "recreate" ? (c.blocked ? "would recreate (needs --allow-recreate)" : "recreate") : c.action;
    lines.push(`${SYMBOL[c.action].padEnd(3)} ${c.tenant} ${c.template}: ${label}${c.connectionId ? ` (${c.connectionId})` : ""}`);
    for (const x of c.source.action === "unchanged" || c.action === "create" ? [] : c.source.changes) lines.push(`      source ${change(x)}`);
    for (const x of c.action === "create" ? [] : c.changes) lines.push(`      ${change(x)}`);
    for (const r of c.action === "error" ? c.reasons : []) lines.push(`      ${r}`);
    for (const w of c.warnings) lines.push(`      note: ${w}`);
  }
  for (const u of plan.unmanaged) {
    lines.push(`${u.action === "prune" ? "-" : "?"}   unmanaged ${u.name} (${u.connectionId})${u.action === "prune" ? ": will be deleted (--prune)" : u.tenant ? ": managed by adops, not in config (delete with --prune)" : ""}`);
  }
  const s = plan.summary;
  lines.push(
    plan.hasChanges || s.error > 0
      ? `Plan: ${s.create} to create, ${s.update} to update, ${s.recreate} to recreate${s.blocked ? ` (${s.blocked} refused without --allow-recreate)` : ""}, ${s.prune} to delete, ${s.unchanged} unchanged, ${s.error} in error`
      : `No changes: ${s.unchanged} connection(s) match the config`,
  );
  return lines.join("\n");
}

/**
 * The plan (and, after apply, the outcomes) as Markdown for the job summary.
 *
 * @param plan The plan.
 * @param result The apply result, when applied.
 * @returns Markdown.
 */
export function renderPlanMarkdown(plan: ConnectionPlan, result?: ApplyResult): string {
  const s = plan.summary;
  const outcome = new Map(result?.outcomes.map((o) => [o.key, o]));
  const rows = plan.connections.filter((c) => c.action !== "unchanged" || outcome.get(c.key)?.status === "failed").map((c) => {
    const o = outcome.get(c.key);
    const what = c.action === "error" ? c.reasons.join("; ") : [...(c.action === "create" ? [] : c.source.changes), ...(c.action === "create" ? [] : c.changes)].map(change).join("; ");
    const cells = [c.tenant, c.template, c.blocked ? "recreate (refused)" : c.action, what || "—", ...(result ? [o ? `${o.status}${o.error ? `: ${o.error}` : ""}` : "—"] : [])];
    return `| ${cells.map((x) => x.replace(/\|/g, "\\|").replace(/\n/g, " ")).join(" | ")} |`;
  });
  return [
    `### Airbyte provisioning ${result ? "applied" : "plan"}`,
    "",
    `${s.create} create · ${s.update} update · ${s.recreate} recreate · ${s.prune} delete · ${s.unchanged} unchanged · ${s.error} error${result ? ` · ${result.writes} write(s)` : ""}`,
    "",
    ...(rows.length > 0 ? [`| tenant | template | action | changes${result ? " | outcome" : ""} |`, `| --- | --- | --- | ---${result ? " | ---" : ""} |`, ...rows] : ["No changes."]),
    "",
  ].join("\n");
}
