import { formatDuration } from "../core/mod.ts";
import type { Incident } from "../../schemas/incident.ts";
import { tenantPagePath } from "../report/mod.ts";
import type { Alert } from "./plan-alerts.ts";
import { escapeMrkdwn, fitSlackLimits, type SlackBlock, type SlackMessage, type SlackText, truncate } from "./slack-message.ts";

/** Links and names a message needs beyond the incident. */
export interface AlertContext {
  /** The run's clock reading (epoch ms). */
  now: number;
  /** Link to the workflow run that saw it. */
  runUrl?: string;
  /** The runbook page; the incident's section anchor replaces its fragment. */
  runbookUrl?: string;
  /** The status site's base URL: alerts link to the tenant's page (the overview for every tenant). */
  siteUrl?: string;
  /** Channel override for this message. */
  channel?: string;
}

const TITLES: Record<string, string> = {
  stale: "data is stale",
  sync_failed: "sync failed",
  no_recent_sync: "no recent sync",
  running_long: "sync running too long",
  check_failed: "cannot read the job history",
  empty_sync: "empty sync",
  cadence_drift: "scheduled runs missed",
  failing: "dbt nodes failing",
  artifact_missing: "dbt artifacts missing",
  warn: "source freshness warning",
  error: "source freshness error",
  runtime_error: "source freshness query failed",
  volume_zero: "records dropped to zero",
  volume_spike: "record volume spiked",
  volume_drop: "record volume dropped",
  volume_decline: "record volume declining",
  transform_lag: "dbt lags the newest sync",
  expiring: "secret expiring",
  expired: "secret expired or refused",
};
const CHECKS: Record<string, string> = {
  airbyte_sync: "Airbyte",
  empty_sync: "Airbyte",
  cadence: "Cadence",
  dbt_run: "dbt",
  source_freshness: "Source freshness",
  volume_anomaly: "Volume",
  transform_lag: "Transform lag",
  run_failed: "Run",
  credential_expiring: "Credentials",
};
const ICON = { opened: { critical: "🔴", warning: "🟠" }, reminder: "⏰", escalated: "🔺", resolved: "✅" } as const;

function title(incident: Incident): string {
  const what = incident.check === "run_failed" ? `adops ${incident.subject} ${incident.kind}` : TITLES[incident.kind] ?? incident.kind;
  return `${CHECKS[incident.check] ?? incident.check}: ${what}`;
}

function tenantLabel(incident: Incident): string {
  return incident.tenant === "*" ? "all tenants" : incident.tenant;
}


function when(iso: string | null | undefined, now: number): string {
  if (iso === null || iso === undefined) return "unknown";
  return `${iso.slice(0, 16).replace("T", " ")} UTC (${formatDuration(now - Date.parse(iso), { precision: "minutes" })} ago)`;
}

function runbookLink(context: AlertContext, anchor: string): string | undefined {
  if (context.runbookUrl === undefined) return undefined;
  return `${context.runbookUrl.split("#")[0]}#${anchor}`;
}

/**
 * The status site's page for a tenant (the overview for `*` or several tenants).
 *
 * @param context The links.
 * @param tenant The tenant slug, or undefined for the overview.
 * @returns The page's URL, or undefined without a site URL.
 */
function sitePage(context: AlertContext, tenant: string | undefined): string | undefined {
  if (context.siteUrl === undefined || context.siteUrl === "") return undefined;
  const base = context.siteUrl.replace(/\/+$/, "");
  return `${base}/${tenant === undefined || tenant === "*" ? "index.html" : tenantPagePath(tenant)}`;
}

function field(label: string, value: unknown): SlackText | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return { type: "mrkdwn", text: `*${label}*\n${escapeMrkdwn(String(value))}` };
}

function failureOf(details: Record<string, unknown>): { origin?: unknown; type?: unknown; message?: unknown } | undefined {
  const f = details.failure;
  return f !== null && typeof f === "object" ? (f as { origin?: unknown; type?: unknown; message?: unknown }) : undefined;
}

/** The numbers of a volume anomaly: observed vs expected records, the ratio, the score and the window. */
function volumeBlock(d: Record<string, unknown>): SlackBlock | undefined {
  if (typeof d.observed !== "number" || typeof d.expected !== "number" || typeof d.baseline_from !== "string") return undefined;
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const perDay = d.verdict === "decline" ? "/day" : "";
  const recent = typeof d.recent_from === "string" ? ` over ${d.recent_from}..${String(d.recent_to)}` : ` on ${String(d.day)}`;
  const text = `*Records${perDay}*\nobserved ${n(d.observed)} vs expected ${n(d.expected)}${recent} (ratio ${String(d.ratio ?? "n/a")}, modified z ${String(d.score)}, threshold ±${String(d.z_threshold)})\n` +
    `baseline ${d.baseline_from}..${String(d.baseline_to)}: ${String(d.baseline_days)} days with data (${String(d.time_zone)} days)`;
  return { type: "section", text: { type: "mrkdwn", text } };
}

function detailBlocks(incident: Incident): SlackBlock[] {
  const d = incident.details;
  const blocks: SlackBlock[] = [];
  const failure = failureOf(d);
  if (typeof failure?.message === "string" && failure.message !== "") {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*Airbyte's message*\n\`\`\`${truncate(escapeMrkdwn(failure.message), 2900)}\`\`\`` } });
  }
  const nodes = Array.isArray(d.failing_nodes) ? (d.failing_nodes as { unique_id?: unknown; status?: unknown; message?: unknown }[]) : [];
  if (nodes.length > 0) {
    const lines = nodes.map((n) => `• \`${escapeMrkdwn(String(n.unique_id))}\` ${escapeMrkdwn(String(n.status))}${typeof n.message === "string" ? `: ${escapeMrkdwn(truncate(n.message.replace(/\s+/g, " "), 200))}` : ""}`);
    const more = typeof d.failing_count === "number" && d.failing_count > nodes.length ? `\n… and ${d.failing_count - nodes.length} more` : "";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: truncate(`*Failing dbt nodes*\n${lines.join("\n")}`, 2990) + more } });
  }
  const missed = Array.isArray(d.missed_runs) ? d.missed_runs : [];
  if (missed.length > 0) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*Missed scheduled runs (UTC)*\n${missed.map((t) => `• ${String(t).slice(0, 16).replace("T", " ")}`).join("\n")}` } });
  }
  const volume = volumeBlock(d);
  if (volume !== undefined) blocks.push(volume);
  if (typeof d.lag_hours === "number") {
    const text = `*Transform lag*\n${d.lag_hours} h (limit ${String(d.limit_hours)} h): dbt's last successful build ended ${String(d.dbt_ended_at)}, ` +
      `the newest successful sync (${escapeMrkdwn(String(d.newest_sync_connection))}) ended ${String(d.newest_sync_ended_at)}`;
    blocks.push({ type: "section", text: { type: "mrkdwn", text } });
  }
  const items = Array.isArray(d.failed_items) ? (d.failed_items as Record<string, unknown>[]) : [];
  if (items.length > 0) {
    const lines = items.map((row) => `• ${Object.entries(row).map(([k, v]) => `${k}: ${escapeMrkdwn(truncate(String(v), 200))}`).join(", ")}`);
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*Failed items*\n${lines.join("\n")}` } });
  }
  return blocks;
}

function headline(alert: Alert, count = 1): string {
  const { incident } = alert;
  const severity = incident.severity.toUpperCase();
  const prefix = alert.kind === "opened"
    ? `${ICON.opened[incident.severity]} ${severity}`
    : alert.kind === "resolved"
    ? `${ICON.resolved} RESOLVED`
    : alert.kind === "escalated"
    ? `${ICON.escalated} ESCALATED to ${severity}`
    : `${ICON.reminder} STILL ${severity}`;
  return count > 1 ? `${prefix} · ${count} × ${title(incident)}` : `${prefix} · ${tenantLabel(incident)} · ${title(incident)}`;
}

function label(alert: Alert): string {
  const severity = alert.incident.severity.toUpperCase();
  return alert.kind === "resolved" ? "RESOLVED" : alert.kind === "opened" ? severity : `${alert.kind.toUpperCase()}: ${severity}`;
}

/**
 * Renders one alert as a Slack message (pure): a top-level `text` that carries
 * everything a phone notification needs (severity, tenant, what is wrong, since
 * when, links to the run and the runbook section), a header, a section with
 * the summary, fields (tenant, subject, job, failure origin/type, since), the
 * details that matter for the check (Airbyte's message, failing dbt nodes,
 * missed runs) and a context line with the links. Fitted to Slack's limits.
 *
 * @param alert The alert.
 * @param context Clock reading, links and channel.
 * @returns The message.
 * @example
 * ```ts
 * import { renderAlert } from "./render-alert.ts";
 * import { makeIncident } from "./testing.ts";
 * const message = renderAlert({ kind: "opened", incident: makeIncident() }, { now: Date.UTC(2026, 10, 23, 17) });
 * console.assert(message.text.startsWith("[CRITICAL] acme"));
 * ```
 */
export function renderAlert(alert: Alert, context: AlertContext): SlackMessage {
  const { incident } = alert;
  const { now } = context;
  const d = incident.details;
  const runbook = runbookLink(context, incident.runbook);
  const site = sitePage(context, incident.tenant);
  const failure = failureOf(d);
  const jobId = d.job_id ?? (d.last_job as { id?: unknown } | null | undefined)?.id;
  const what = alert.kind === "resolved"
    ? `cleared after ${formatDuration(Date.parse(incident.resolved_at ?? new Date(now).toISOString()) - Date.parse(incident.since ?? incident.opened_at), { precision: "minutes" })} (was: ${incident.summary})`
    : incident.summary;
  const text = [
    `[${label(alert)}] ${tenantLabel(incident)}: ${title(incident)} — ${incident.subject}: ${what}.`,
    alert.kind === "resolved" ? "" : ` Since ${when(incident.since ?? incident.opened_at, now)}.`,
    context.runUrl ? ` Run: ${context.runUrl}` : "",
    runbook ? ` Runbook: ${runbook}` : "",
    site ? ` Status: ${site}` : "",
  ].join("");

  const fields = [
    field("Tenant", tenantLabel(incident)),
    field(
      incident.check === "dbt_run" || incident.check === "transform_lag" ? "Project" : incident.check === "source_freshness" ? "Source" : incident.check === "run_failed" ? "Command" : incident.check === "volume_anomaly" ? "Connection / stream" : incident.check === "credential_expiring" ? "Secret" : "Connection",
      incident.subject,
    ),
    field("Status", `${incident.kind} (${incident.severity})`),
    field("Since", when(incident.since ?? incident.opened_at, now)),
    field("Job", jobId),
    field("Failure", failure === undefined ? undefined : `${String(failure.origin ?? "unknown")} / ${String(failure.type ?? "unknown")}`),
    field("Consecutive failures", typeof d.consecutive_failures === "number" && d.consecutive_failures > 1 ? d.consecutive_failures : undefined),
    field("Bad runs in a row", incident.bad_runs > 1 ? incident.bad_runs : undefined),
  ].filter((f): f is SlackText => f !== undefined);

  const links = [
    context.runUrl ? `<${context.runUrl}|Workflow run>` : "local run",
    runbook ? `<${runbook}|Runbook: ${incident.runbook}>` : `Runbook section: ${incident.runbook}`,
    ...(site ? [`<${site}|Status page: ${escapeMrkdwn(tenantLabel(incident))}>`] : []),
    `Incident \`${escapeMrkdwn(incident.key)}\` opened ${incident.opened_at.slice(0, 16).replace("T", " ")} UTC`,
  ];
  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: headline(alert), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(what) } },
    ...(alert.kind === "resolved" ? [] : [{ type: "section" as const, fields }, ...detailBlocks(incident)]),
    { type: "context", elements: links.map((t) => ({ type: "mrkdwn" as const, text: t })) },
  ];
  return fitSlackLimits({ text, blocks, ...(context.channel ? { channel: context.channel } : {}) });
}

/**
 * Renders several alerts of one kind about the same check and status as one
 * message (pure): an Airbyte outage makes every connection's check fail at
 * once, and on-call needs one message about it, not one per connection. The
 * text names the count, the check and the first subjects; a section lists
 * every subject with its summary (cut to Slack's limits).
 *
 * @param alerts Two or more alerts with the same kind, check and status.
 * @param context Clock reading, links and channel.
 * @returns The message.
 * @example
 * ```ts
 * import { renderAlertDigest } from "./render-alert.ts";
 * import { makeIncident } from "./testing.ts";
 * const a = { kind: "opened" as const, incident: makeIncident() };
 * const b = { kind: "opened" as const, incident: makeIncident({ key: "bmc/airbyte_sync/x", tenant: "bmc", subject: "x" }) };
 * console.assert(renderAlertDigest([a, b], { now: 0 }).text.startsWith("[CRITICAL] 2 incidents"));
 * ```
 */
export function renderAlertDigest(alerts: readonly Alert[], context: AlertContext): SlackMessage {
  const first = alerts[0] as Alert;
  const { incident } = first;
  const runbook = runbookLink(context, incident.runbook);
  const tenants = new Set(alerts.map((a) => a.incident.tenant));
  const site = sitePage(context, tenants.size === 1 ? [...tenants][0] : undefined);
  const names = alerts.map((a) => `${tenantLabel(a.incident)} / ${a.incident.subject}`);
  const shown = names.slice(0, 3).join(", ");
  const verb = first.kind === "resolved" ? "resolved" : first.kind === "opened" ? "opened" : first.kind === "reminder" ? "still open" : "escalated";
  const since = first.kind === "resolved" ? "" : ` Since ${when(incident.since ?? incident.opened_at, context.now)}.`;
  const text = `[${label(first)}] ${alerts.length} incidents ${verb}: ${title(incident)} — ${shown}${names.length > 3 ? `, … (+${names.length - 3} more)` : ""}: ${incident.summary}.${since}` +
    `${context.runUrl ? ` Run: ${context.runUrl}` : ""}${runbook ? ` Runbook: ${runbook}` : ""}${site ? ` Status: ${site}` : ""}`;
  const lines = alerts.map((a) => `• *${escapeMrkdwn(tenantLabel(a.incident))}* ${escapeMrkdwn(a.incident.subject)}: ${escapeMrkdwn(truncate(a.incident.summary, 300))}`);
  const sections: SlackBlock[] = [];
  let chunk = "";
  for (const line of lines) {
    if (chunk !== "" && chunk.length + line.length + 1 > 2900) {
      sections.push({ type: "section", text: { type: "mrkdwn", text: chunk } });
      chunk = "";
    }
    chunk = chunk === "" ? line : `${chunk}\n${line}`;
  }
  if (chunk !== "") sections.push({ type: "section", text: { type: "mrkdwn", text: chunk } });
  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: headline(first, alerts.length), emoji: true } },
    ...sections,
    {
      type: "context",
      elements: [
        context.runUrl ? `<${context.runUrl}|Workflow run>` : "local run",
        runbook ? `<${runbook}|Runbook: ${incident.runbook}>` : `Runbook section: ${incident.runbook}`,
        ...(site ? [`<${site}|Status page${tenants.size === 1 ? `: ${escapeMrkdwn(tenantLabel(incident))}` : ""}>`] : []),
      ].map((t) => ({ type: "mrkdwn" as const, text: t })),
    },
  ];
  return fitSlackLimits({ text, blocks, ...(context.channel ? { channel: context.channel } : {}) });
}
