import type { RunReport, StatusEntry, StatusState } from "../../schemas/report.ts";
import { classifyStatus, rowStatus, rowTenant, rowTone, type StatusTone } from "./classify-status.ts";
import { rowLabel } from "./_table.ts";

/** The kinds of run the status page tracks per tenant. */
export const STATUS_KINDS = ["sync", "dbt", "health"] as const;

/** One of {@link STATUS_KINDS}. */
export type StatusKind = (typeof STATUS_KINDS)[number];

/** The tenant key for runs that apply to every tenant (a dbt run without tenant rows). */
export const ALL_TENANTS = "*";

function kindOf(value: unknown): StatusKind | undefined {
  return (STATUS_KINDS as readonly unknown[]).includes(value) ? (value as StatusKind) : undefined;
}

function fold(rows: Record<string, unknown>[]): { status: string; detail: string; tone: StatusTone } {
  const tones = rows.map((r) => rowTone(r));
  const ok = tones.filter((t) => t === "ok").length;
  const bad = rows.filter((_, i) => tones[i] === "error" || tones[i] === "warning");
  const worst = rows.find((_, i) => tones[i] === "error") ?? rows.find((_, i) => tones[i] === "warning");
  const status = worst !== undefined
    ? (rowStatus(worst) ?? "unknown")
    : ok === rows.length ? "ok" : (rowStatus(rows.find((_, i) => tones[i] !== "ok") ?? {}) ?? "unknown");
  const names = bad.slice(0, 3).map((r) => `${rowLabel(r).split("/").slice(1).join("/") || rowLabel(r)} ${rowStatus(r)}`.trim());
  const more = bad.length > 3 ? ` +${bad.length - 3} more` : "";
  const tone: StatusTone = tones.includes("error") ? "error" : tones.includes("warning") ? "warning" : ok === rows.length ? "ok" : "neutral";
  return { status, detail: `${ok}/${rows.length} ok${names.length > 0 ? `; ${names.join(", ")}${more}` : ""}`, tone };
}

/**
 * Folds run reports into the per-tenant status memory: for each tenant and
 * each kind (sync, dbt, health) the newest run wins. A row's kind is its
 * `kind` field, else the report's command (`sync`, `dbt`, `health`); rows
 * without a tenant count for every tenant (`*`). Pure; `previous` is not changed.
 *
 * @param previous The state so far, or undefined.
 * @param reports Reports to fold in, in any order.
 * @param options The time to stamp.
 * @returns The new state.
 * @example
 * ```ts
 * import { updateStatusState } from "./update-status-state.ts";
 * import { makeRunReport } from "./testing.ts";
 * const s = updateStatusState(undefined, [makeRunReport()], { now: "2026-11-23T12:00:00.000Z" });
 * console.assert(s.tenants.acme?.sync?.status === "succeeded" || s.tenants.acme?.sync?.status === "ok");
 * ```
 */
export function updateStatusState(previous: StatusState | undefined, reports: readonly RunReport[], options: { now: string }): StatusState {
  const tenants: StatusState["tenants"] = {};
  for (const [name, entry] of Object.entries(previous?.tenants ?? {})) tenants[name] = { ...entry };
  const ordered = [...reports].sort((a, b) => a.ended_at.localeCompare(b.ended_at));
  for (const report of ordered) {
    const defaultKind = kindOf(report.command);
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const row of report.rows) {
      const kind = kindOf(row.kind) ?? defaultKind;
      if (kind === undefined) continue;
      const key = `${kind}\u0000${rowTenant(row) ?? ALL_TENANTS}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    if (groups.size === 0 && defaultKind !== undefined) groups.set(`${defaultKind}\u0000${ALL_TENANTS}`, []);
    // Rows for every tenant (a dbt node, source freshness) also count in each tenant's own verdict.
    for (const [key, rows] of groups) {
      const [kind, tenant] = key.split("\u0000") as [StatusKind, string];
      const shared = groups.get(`${kind}\u0000${ALL_TENANTS}`);
      if (tenant !== ALL_TENANTS && shared !== undefined) groups.set(key, [...rows, ...shared]);
    }
    for (const [key, rows] of groups) {
      const [kind, tenant] = key.split("\u0000") as [StatusKind, string];
      const folded = rows.length > 0 ? fold(rows) : { status: report.status, detail: `exit ${report.exit_code}`, tone: classifyStatus(report.status) };
      const entry: StatusEntry = {
        at: report.ended_at,
        status: folded.status,
        run_id: report.run_id,
        command: report.command,
        detail: folded.detail,
        tone: folded.tone,
        ...(report.trigger.run_url ? { run_url: report.trigger.run_url } : {}),
      };
      const current = tenants[tenant] ?? {};
      const existing = current[kind];
      if (existing === undefined || existing.at <= entry.at) tenants[tenant] = { ...current, [kind]: entry };
    }
  }
  const sorted = Object.fromEntries(Object.entries(tenants).sort(([a], [b]) => a.localeCompare(b)));
  return { schema_version: 1, updated_at: options.now, tenants: sorted };
}

/**
 * A tenant's newest entry of one kind: its own, or the one every tenant
 * shares (`*`, a dbt run without tenant rows) when that is newer. The status
 * page and the status site read the memory through this one rule.
 *
 * @param state The status memory.
 * @param tenant The tenant slug.
 * @param kind sync, dbt or health.
 * @returns The entry and whether it is the shared one; undefined when neither exists.
 * @example
 * ```ts
 * import { pickStatusEntry } from "./update-status-state.ts";
 * const at = "2026-11-23T12:00:00.000Z";
 * const state = { schema_version: 1 as const, updated_at: at, tenants: { "*": { dbt: { at, status: "ok", run_id: "r", command: "dbt" } } } };
 * console.assert(pickStatusEntry(state, "acme", "dbt")?.shared === true);
 * ```
 */
export function pickStatusEntry(state: StatusState, tenant: string, kind: StatusKind): { entry: StatusEntry; shared: boolean } | undefined {
  const own = state.tenants[tenant]?.[kind];
  const all = state.tenants[ALL_TENANTS]?.[kind];
  if (own !== undefined && (all === undefined || own.at >= all.at)) return { entry: own, shared: false };
  return all === undefined ? undefined : { entry: all, shared: true };
}
