// The staging models' daily volume (issue #13, Deliver 3 "and rows in the staging
// model"): after a build that built staging models, one `dbt show` counts the
// campaign-days and raw rows per tenant, platform and stat_date, for health's
// volume_anomaly check (health never reads the warehouse: the run report carries them).
import type { DbtStagingVolume } from "../../schemas/report-rows/dbt.ts";
import type { DbtCli } from "./dbt-cli.ts";
import { parseDbtLogLine } from "./log-events.ts";
import { type DbtStepOutcome, dbtPathFlags, isSuccessStatus } from "./run-step.ts";

/** The model counted: every enabled platform's campaign-days in one shape (its staging models' union). */
export const STAGING_VOLUME_MODEL = "int_campaign_stats_unioned";

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The SQL of the count (portable between DuckDB and PostgreSQL): per
 * tenant, platform and stat_date since `since`, campaign-days and raw rows.
 *
 * @param since The first stat_date, `YYYY-MM-DD`.
 * @returns The SQL, with a `ref()` dbt resolves.
 * @example
 * ```ts
 * import { stagingVolumeSql } from "./staging-volume.ts";
 * console.assert(stagingVolumeSql("2026-10-01").includes("ref('int_campaign_stats_unioned')"));
 * ```
 */
export function stagingVolumeSql(since: string): string {
  if (!ISO_DAY.test(since)) throw new RangeError(`since must be YYYY-MM-DD, got '${since}'`);
  return [
    "select tenant_slug, platform, cast(stat_date as varchar(10)) as stat_date,",
    "  count(*) as campaign_days, cast(coalesce(sum(source_rows), 0) as bigint) as source_rows",
    `from {{ ref('${STAGING_VOLUME_MODEL}') }}`,
    `where stat_date >= cast('${since}' as date)`,
    "group by tenant_slug, platform, stat_date",
    "order by tenant_slug, platform, stat_date",
  ].join("\n");
}

/**
 * Whether a run built staging models: a `build` or `run` step in which a
 * platform's `stg_<platform>__campaign_stats` model (what the count reads)
 * succeeded; the ops models' `stg_ops__*` do not count.
 *
 * @param outcomes The steps' outcomes.
 * @returns True when some staging model succeeded.
 * @example
 * ```ts
 * import { builtStagingModels } from "./staging-volume.ts";
 * console.assert(!builtStagingModels([]));
 * ```
 */
export function builtStagingModels(outcomes: readonly DbtStepOutcome[]): boolean {
  return outcomes.some((o) =>
    (o.step.name === "build" || o.step.name === "run") && o.nodes.some((n) => n.resource_type === "model" && /^stg_\w+__campaign_stats$/.test(n.name) && isSuccessStatus(n.status))
  );
}

function count(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : value === null ? 0 : undefined;
}

/**
 * Turns the rows of the count (`dbt show`'s preview, a JSON array) into the
 * report's dense series: one per tenant and platform, one entry per day from
 * its first stat_date to its last (a day without rows is 0).
 *
 * @param preview The `ShowNode` event's `preview` (JSON text).
 * @param since The first stat_date asked for.
 * @returns The staging volume, or why the rows are unusable.
 * @example
 * ```ts
 * import { parseStagingVolume } from "./staging-volume.ts";
 * const r = parseStagingVolume('[{"tenant_slug":"a","platform":"meta","stat_date":"2026-10-02","campaign_days":2,"source_rows":4}]', "2026-10-01");
 * console.assert(r.ok && r.value.series[0]?.source_rows[0] === 4);
 * ```
 */
export function parseStagingVolume(preview: string, since: string): { ok: true; value: DbtStagingVolume } | { ok: false; message: string } {
  let rows: unknown;
  try {
    rows = JSON.parse(preview);
  } catch {
    return { ok: false, message: "dbt show printed rows that are not JSON" };
  }
  if (!Array.isArray(rows)) return { ok: false, message: "dbt show printed no row array" };
  const groups = new Map<string, { tenant: string; platform: string; days: Map<number, { rows: number; campaignDays: number }> }>();
  for (const [i, r] of rows.entries()) {
    const o = (typeof r === "object" && r !== null ? r : {}) as Record<string, unknown>;
    const day = typeof o.stat_date === "string" ? o.stat_date.slice(0, 10) : "";
    const rowsCount = count(o.source_rows);
    const campaignDays = count(o.campaign_days);
    if (typeof o.tenant_slug !== "string" || typeof o.platform !== "string" || !ISO_DAY.test(day) || rowsCount === undefined || campaignDays === undefined) {
      return { ok: false, message: `row ${i + 1} of dbt show lacks tenant_slug, platform, stat_date, campaign_days or source_rows: ${JSON.stringify(r).slice(0, 200)}` };
    }
    const key = `${o.tenant_slug}\u0000${o.platform}`;
    const g = groups.get(key) ?? { tenant: o.tenant_slug, platform: o.platform, days: new Map() };
    groups.set(key, g);
    g.days.set(Date.parse(`${day}T00:00:00Z`) / DAY_MS, { rows: rowsCount, campaignDays });
  }
  const series = [...groups.values()].map((g) => {
    const first = Math.min(...g.days.keys());
    const last = Math.max(...g.days.keys());
    const span = Array.from({ length: last - first + 1 }, (_, i) => g.days.get(first + i));
    return {
      tenant: g.tenant,
      platform: g.platform,
      from: new Date(first * DAY_MS).toISOString().slice(0, 10),
      source_rows: span.map((d) => d?.rows ?? 0),
      campaign_days: span.map((d) => d?.campaignDays ?? 0),
    };
  });
  return { ok: true, value: { model: STAGING_VOLUME_MODEL, since, series } };
}

/** What {@link readStagingVolume} needs: the same port, folders, flags and lane as the steps. */
export interface ReadStagingVolumeOptions {
  cli: DbtCli;
  projectDir: string;
  profilesDir: string;
  /** The invocation's own target folder. */
  targetPath: string;
  /** `--vars`, `--target`. */
  commonArgs: readonly string[];
  /** The first stat_date, `YYYY-MM-DD`. */
  since: string;
  partialParseFile?: string;
  env?: Record<string, string>;
  lane?: string;
  signal?: AbortSignal;
}

/**
 * Counts the staging models' rows per tenant, platform and stat_date with one
 * `dbt show --inline … --limit -1 --output json` through the dbt port. Never
 * throws: a failed query (dbt's error, no rows printed, a port error) comes
 * back as a message for the report's notes.
 *
 * @param options Port, folders, flags and the first day.
 * @returns The staging volume, or why it could not be read.
 * @example
 * ```ts ignore
 * const r = await readStagingVolume({ cli, projectDir: "/p", profilesDir: "/p", targetPath: "/t", commonArgs: [], since: "2026-10-01" });
 * ```
 */
export async function readStagingVolume(options: ReadStagingVolumeOptions): Promise<{ ok: true; value: DbtStagingVolume } | { ok: false; message: string }> {
  let preview: string | undefined;
  let error: string | undefined;
  try {
    const args = ["show", ...dbtPathFlags(options), ...options.commonArgs, "--inline", stagingVolumeSql(options.since), "--limit", "-1", "--output", "json"];
    const result = await options.cli.run({
      args,
      cwd: options.projectDir,
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.lane === undefined ? {} : { lane: options.lane }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.partialParseFile === undefined ? {} : { partialParse: { shared: options.partialParseFile, targetPath: options.targetPath } }),
      onLine(line, stream) {
        if (stream === "stderr") return;
        const event = parseDbtLogLine(line);
        if (event?.kind === "show") preview = event.preview;
        if (event?.kind === "error") error = event.message;
      },
    });
    if (result.exitCode !== 0 || preview === undefined) {
      const why = (error ?? result.stderr.split("\n").find((l) => /Error/.test(l)) ?? (preview === undefined ? "no rows printed" : "")).trim();
      return { ok: false, message: `dbt show exited with ${result.exitCode}: ${why.split("\n").slice(0, 3).join(" ").slice(0, 300)}` };
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  return parseStagingVolume(preview, options.since);
}
