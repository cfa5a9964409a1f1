import { isAbsolute, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { defineCommand } from "../cli/command.ts";
import { AdopsError, UsageError } from "../core/mod.ts";
import { ExitCode, exitCodeFor } from "../cli/exit-codes.ts";
import { requireConfig } from "./require-config.ts";
import { seedWarehouse } from "../standins/warehouse/mod.ts";
import { createSyncStatusFromSyncApi, DBT_STEP_NAMES, type DbtStepName, dbtOpsVars, dbtTenantsVar, planDbtSteps, readPostgresSettings, runDbt, tenantLayoutsFromConfig, waitForSync } from "../dbt/mod.ts";
import { reportDir, writeRunReport } from "./write-run-report.ts";
import { dbtExecutable, dbtPortFor } from "./dbt-port.ts";
import { shiftDay, volumePolicy } from "../health/mod.ts";

/** profiles.yml targets on PostgreSQL; the others are DuckDB files (DBT_DUCKDB_PATH). */
const POSTGRES_TARGETS: ReadonlySet<string> = new Set(["postgres", "prod"]);

/** `adops dbt`: runs the dbt project after the syncs and reports every node (issue #5). */
export const dbtCommand = defineCommand({
  name: "dbt",
  summary: "Run the dbt project (deps, build with its seeds, source freshness) and report every node",
  description: "Each step runs with its own --target-path and JSON logs; dbt exit codes map to adops': 0 ok, 1 (dbt did not run), 2 partial, 3 nothing succeeded.",
  examples: ["adops dbt", "adops dbt --select tag:dashboard --steps build", "adops dbt --state .adops/prod-state", "adops dbt --per-source meta --wait-for-sync"],
  options: {
    steps: { type: "string", valueName: "<list>", description: `Comma-separated steps (${DBT_STEP_NAMES.join(", ")}); default deps,build,freshness (build loads the seeds; a --select/--exclude run adds seed first)` },
    select: { type: "string", multiple: true, valueName: "<sel>", description: "dbt --select (repeatable)" },
    exclude: { type: "string", multiple: true, valueName: "<sel>", description: "dbt --exclude (repeatable)" },
    vars: { type: "string", valueName: "<yaml>", description: "dbt --vars as YAML/JSON, merged over the tenants var from config" },
    target: { type: "string", valueName: "<name>", description: "profiles.yml target" },
    "full-refresh": { type: "boolean", description: "Rebuild incremental models" },
    state: { type: "string", valueName: "<dir>", description: "Folder with the last production manifest.json: run state:modified+ with --defer" },
    "per-source": { type: "string", valueName: "<platform>", description: "Seed 003 flow for one platform" },
    "wait-for-sync": { type: "boolean", description: "Wait for the tenants' in-flight Airbyte syncs first" },
    "wait-timeout": { type: "string", valueName: "<minutes>", description: "Longest wait for syncs", default: "30" },
    "fail-on-upstream-failure": { type: "boolean", description: "Do not run dbt when a tenant's latest sync failed" },
    "seed-demo-data": { type: "boolean", description: "When the embedded DuckDB warehouse file does not exist, land 90 days of generated raw data in it first (the demo's warehouse; never a real one)" },
    "dry-run": { type: "boolean", description: "Print the plan, run nothing" },
  },
  async run(ctx, { values }) {
    const startedAt = ctx.clock.now();
    const steps = values.steps === undefined ? undefined : values.steps.split(",").map((s) => s.trim()).filter(Boolean);
    for (const s of steps ?? []) if (!(DBT_STEP_NAMES as readonly string[]).includes(s)) throw new UsageError(`Unknown step '${s}'`, `Use: ${DBT_STEP_NAMES.join(", ")}`);
    let userVars: Record<string, unknown> = {};
    if (values.vars !== undefined) {
      const parsed: unknown = (() => {
        try {
          return parseYaml(values.vars);
        } catch {
          return undefined;
        }
      })();
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError(`Invalid --vars '${values.vars}'`, "Give a YAML or JSON mapping, e.g. '{enable_tiktok: true}'");
      userVars = parsed as Record<string, unknown>;
    }
    const config = await requireConfig(ctx);
    const layouts = tenantLayoutsFromConfig(config);
    // LinkedIn and TikTok models (and their freshness checks) are on when some tenant has an
    // active connection there: a paused one (island-telecom's TikTok, awaiting its token) is
    // not expected to be fresh. A --vars value wins.
    const active = (platform: string) => config.tenants.some((t) => t.connections.some((c) => c.platform === platform && c.status === "active"));
    const optional = { enable_linkedin: active("linkedin"), enable_tiktok: active("tiktok") };
    const vars: Record<string, unknown> = { tenants: dbtTenantsVar(layouts), ...optional, ...dbtOpsVars(config), ...userVars };
    const enabled = ["meta", "google_ads", "microsoft_ads", ...(vars.enable_linkedin === true ? ["linkedin"] : []), ...(vars.enable_tiktok === true ? ["tiktok"] : [])];
    const abs = (p: string) => (isAbsolute(p) ? p : join(ctx.cwd, p));
    const projectDir = abs(ctx.env.ADOPS_DBT_PROJECT_DIR ?? "dbt");
    const warehouse = abs(ctx.env.DBT_DUCKDB_PATH ?? ".adops/warehouse.duckdb");
    const stateDir = values.state === undefined ? undefined : abs(values.state);
    const plan = planDbtSteps({
      ...(steps === undefined ? {} : { steps: steps as DbtStepName[] }),
      select: values.select ?? [],
      exclude: values.exclude ?? [],
      fullRefresh: values["full-refresh"] ?? false,
      enabledPlatforms: enabled,
      hasPackages: await ctx.files.exists(join(projectDir, "packages.yml")),
      ...(values["per-source"] === undefined ? {} : { perSource: values["per-source"] }),
      ...(stateDir === undefined ? {} : { state: { dir: stateDir, manifestExists: await ctx.files.exists(join(stateDir, "manifest.json")), warehouseExists: await ctx.files.exists(warehouse) } }),
    });
    const messages = [...plan.notes];
    for (const note of plan.notes) ctx.log.info(note);
    const inputs = { steps: plan.steps.map((s) => [...s.command, ...s.args].join(" ")), vars: userVars, target: values.target ?? null, state: values.state ?? null, per_source: values["per-source"] ?? null };
    if (values["dry-run"]) {
      for (const s of plan.steps) ctx.out(`dbt ${[...s.command, ...s.args].join(" ")}`);
      return { exitCode: ExitCode.ok, json: { plan: inputs.steps, notes: plan.notes }, outputs: { status: "planned", mode: plan.mode, plan: JSON.stringify(inputs.steps) } };
    }
    if (values["wait-for-sync"]) {
      const { syncApiFor } = await import("./airbyte-client.ts");
      const port = createSyncStatusFromSyncApi(syncApiFor(ctx, config, { abortOnSignal: true }), new Map(config.tenants.map((t) => [t.slug, t.workspaceId])));
      const waited = await waitForSync(port, layouts.map((t) => t.slug), { clock: ctx.clock, timeoutMs: Number(values["wait-timeout"]) * 60_000, signal: ctx.signal, onPoll: (f) => ctx.log.info(`Waiting for ${f.length} sync(s) in flight`) });
      if (waited.outcome === "timeout") messages.push(`Syncs still running after ${values["wait-timeout"]} min: ${waited.inFlight.map((j) => j.connectionId).join(", ")}`);
      if (waited.failed.length > 0) {
        const text = `Latest sync failed for ${waited.failed.map((j) => `${j.tenant}/${j.connectionId}`).join(", ")}`;
        messages.push(text);
        ctx.log.warn(text);
        if (values["fail-on-upstream-failure"]) {
          const { path } = await writeRunReport(ctx, { command: "dbt", startedAt, inputs, exitCode: ExitCode.allFailed, summary: { upstream_failed: waited.failed.length }, rows: [], messages });
          return { exitCode: ExitCode.allFailed, json: { status: "upstream_failed", failed: waited.failed, report: path }, outputs: { status: "upstream_failed", report_path: path } };
        }
      }
    }
    // Generated data goes only into the embedded demo warehouse, and only when asked: a
    // missing DuckDB file is an error, never a reason to invent data.
    const target = values.target ?? ctx.env.DBT_TARGET ?? "dev";
    const onDuckdb = !POSTGRES_TARGETS.has(target);
    if (values["seed-demo-data"] && !onDuckdb) {
      throw new UsageError(`--seed-demo-data writes only the embedded DuckDB warehouse, not target '${target}'`, "Drop --seed-demo-data: the PostgreSQL warehouse holds what Airbyte synced");
    }
    if (!onDuckdb) {
      const settings = readPostgresSettings(ctx.env);
      if (!settings.ok) {
        throw new AdopsError(`Target '${target}' is PostgreSQL, but ${settings.issues.join("; ")}`, {
          kind: "config_error",
          hint: "Set DBT_PG_HOST, DBT_PG_PORT (default 5432), DBT_PG_USER, DBT_PG_PASSWORD and DBT_PG_DATABASE (repository secrets in GitHub Actions)",
        });
      }
    }
    if (onDuckdb && plan.steps.some((s) => s.name !== "deps") && !(await ctx.files.exists(warehouse))) {
      if (!values["seed-demo-data"]) {
        throw new AdopsError(`No warehouse at '${warehouse}': nothing to transform, and adops dbt does not generate data`, {
          kind: "config_error",
          hint: "Point DBT_DUCKDB_PATH at the warehouse Airbyte writes, use a PostgreSQL target (--target postgres with DBT_PG_*), run the demo (npm start), or pass --seed-demo-data to land generated demo data",
        });
      }
      await seedWarehouse(layouts, { databasePath: warehouse, python: join(projectDir, ".venv/bin/python"), asOf: ctx.clock.now() });
      messages.push(`No warehouse at '${warehouse}': landed 90 days of generated raw data for ${layouts.length} tenants (--seed-demo-data)`);
    }
    const targetRoot = join(projectDir, "target", "adops", ctx.runId);
    const volume = volumePolicy(config.platform);
    const dbt = await dbtPortFor(ctx, dbtExecutable(ctx));
    const result = await runDbt(plan, {
      cli: dbt.cli,
      files: ctx.files,
      clock: ctx.clock,
      projectDir,
      targetRoot,
      partialParseFile: join(projectDir, "target", "adops", "partial_parse.msgpack"),
      vars,
      env: { DBT_DUCKDB_PATH: warehouse },
      // DuckDB takes one writer: steps on the same file queue (PostgreSQL targets need not).
      ...(onDuckdb ? { lane: `duckdb:${warehouse}` } : {}),
      signal: ctx.signal,
      ...(values.target === undefined ? {} : { target: values.target }),
      // Health's volume_anomaly check judges the staging rows from the report (it never reads the warehouse).
      ...(volume.enabled ? { stagingVolume: { since: shiftDay(new Date(ctx.clock.now()).toISOString().slice(0, 10), -volume.historyDays) } } : {}),
      hooks: {
        onStepStart: ({ step, index, total }) => ctx.log.info(`Step ${index + 1}/${total}: dbt ${[...step.command, ...step.args].join(" ")}`),
        onEvent(event) {
          if (event.kind === "node-start") ctx.log.info(`${event.index}/${event.total} START ${event.uniqueId}`);
          if (event.kind === "node-finish") ctx.log.info(`${event.index}/${event.total} ${event.status.toUpperCase()} ${event.uniqueId} (${event.executionTime.toFixed(2)} s)`);
        },
        onStepFinished: ({ outcome }) => {
          if (outcome.error) ctx.log.error(`dbt did not run: ${outcome.error}`);
          if (outcome.artifactProblem) ctx.log.warn(outcome.artifactProblem);
        },
      },
    }).finally(() => dbt.done());
    for (const o of result.outcomes) if (o.error) messages.push(`${o.step.id}: dbt did not run: ${o.error}`);
    for (const s of result.notStarted) messages.push(`${s.id}: not started (an earlier step did not run)`);
    if (result.stagingVolumeNote !== undefined) {
      messages.push(result.stagingVolumeNote);
      ctx.log.warn(result.stagingVolumeNote);
    }
    const rows = result.outcomes.flatMap((o) => o.nodes.map((n) => ({ ...n })));
    const steps_ = result.outcomes.map((o) => ({ id: o.step.id, dbt_exit_code: o.dbtExitCode, status: o.status, nodes: o.nodes.length, seconds: o.durationMs / 1000, target_path: o.targetPath }));
    const manifest = [...result.outcomes].reverse().find((o) => o.status !== "not_run" && o.step.which !== undefined)?.targetPath;
    const summary = { ...result.counts, steps: result.outcomes.length };
    const exitCode = exitCodeFor(result.outcome);
    const { path } = await writeRunReport(ctx, { command: "dbt", startedAt, inputs: { ...inputs, mode: plan.mode, step_results: steps_ }, exitCode, summary, rows, messages, ...(result.stagingVolume === undefined ? {} : { stagingVolume: result.stagingVolume }) });
    if (steps_.some((s) => s.id.startsWith("freshness") && s.status !== "not_run")) {
      // Health judges source freshness from the newest run that checked it, not from a later selective build.
      await ctx.files.writeText(`${reportDir(ctx)}/latest/dbt-source-freshness.json`, await ctx.files.readText(path));
    }
    if (result.stagingVolume !== undefined) {
      // The same for the staging rows: the orchestrator's marts and metrics runs after its staging runs count none.
      await ctx.files.writeText(`${reportDir(ctx)}/latest/dbt-staging-volume.json`, await ctx.files.readText(path));
    }
    const c = result.counts;
    ctx.out(`dbt: ${c.pass} pass, ${c.warn} warn, ${c.error} error, ${c.skip} skip, ${c.noop} no-op (${c.total} nodes) in ${result.outcomes.length} step(s); report ${path}`);
    for (const n of rows.filter((r) => r.status === "error" || r.status === "fail" || r.status === "runtime error")) ctx.out(`  ${n.status.toUpperCase()} ${n.unique_id}: ${(n.message ?? "").split("\n")[0]}`);
    for (const m of messages) ctx.out(`  ${m}`);
    const status = result.outcome === "config_error" ? "not_run" : result.outcome;
    return {
      exitCode,
      json: { status, mode: plan.mode, counts: c, steps: steps_, report: path, manifest_dir: manifest ?? null, messages },
      outputs: { status, mode: plan.mode, counts: JSON.stringify(c), pass: String(c.pass), warn: String(c.warn), error: String(c.error), skip: String(c.skip), report_path: path, manifest_dir: manifest ?? "" },
    };
  },
});
