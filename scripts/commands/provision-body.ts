// The shared body of `adops plan` and `adops provision`.
import type { ProvisionReportRow } from "../../schemas/report-rows/provision.ts";
import type { CommandContext, CommandResult } from "../cli/command.ts";
import { InterruptedError, isAdopsError, type Outcome, UsageError } from "../core/mod.ts";
import { ExitCode, exitCodeFor } from "../cli/exit-codes.ts";
import { requireConfig } from "./require-config.ts";
import { reportDir, writeRunReport } from "./write-run-report.ts";
import { airbyteClientFor, readAirbyteSettings } from "./airbyte-client.ts";
import { fingerprintPath, readFingerprintStore, recordRotations, renderPlanMarkdown, renderPlanText, runProvisioning, writeFingerprints } from "../airbyte/mod.ts";

/** Flags of plan/provision. */
export interface ProvisionFlags {
  tenant: string[];
  concurrency: string | undefined;
  "allow-recreate": boolean;
  prune: boolean;
  apply: boolean;
}

/**
 * How an apply ended from its tenants' states: `ok` when every tenant is ok,
 * `failed` only when every tenant failed outright, `partial` otherwise (a tenant
 * that applied some of its changes is partial, not failed).
 *
 * @param states Each tenant's state.
 * @returns The outcome.
 * @example
 * ```ts
 * import { provisionOutcome } from "./provision-body.ts";
 * console.assert(provisionOutcome(["partial", "partial"]) === "partial");
 * console.assert(provisionOutcome(["failed", "failed"]) === "failed");
 * console.assert(provisionOutcome(["ok", "ok"]) === "ok");
 * ```
 */
export function provisionOutcome(states: readonly string[]): Outcome {
  if (states.every((s) => s === "ok")) return "ok";
  if (states.every((s) => s === "failed")) return "failed";
  return "partial";
}

function interruptedMessage(result: NonNullable<Awaited<ReturnType<typeof runProvisioning>>["result"]>): string {
  const stopped = result.outcomes.filter((o) => o.status === "interrupted").length;
  const skipped = result.outcomes.filter((o) => o.status === "skipped").length + result.pruned.filter((p) => p.status === "skipped").length;
  return `Interrupted: ${result.writes} write(s) made before the interrupt; ${stopped} connection(s) stopped part-way (see their steps), ${skipped} not started`;
}

/**
 * Plans, and applies when `flags.apply`, writing the run report.
 * Exit codes: plan 0 no changes / 2 changes / 1 errors; apply 0 ok / 2 partial / 3 all failed;
 * 130 interrupted (SIGINT/SIGTERM: no write starts after it, the report counts every write made).
 *
 * @param ctx The command context.
 * @param flags The flags.
 * @returns The command result.
 */
export async function provisionCommandCore(ctx: CommandContext, flags: ProvisionFlags): Promise<CommandResult> {
  const startedAt = ctx.clock.now();
  const command = flags.apply ? "provision" : "plan";
  // The connector-contract check runs first: nothing is sent to Airbyte from a config its connector refuses.
  const config = await requireConfig(ctx, { contracts: true });
  const known = new Set(config.tenants.map((t) => t.slug));
  for (const t of flags.tenant) if (!known.has(t)) throw new UsageError(`Unknown tenant '${t}'`, `Tenants: ${[...known].join(", ")}`);
  const settings = await readAirbyteSettings(ctx, config);
  const concurrency = flags.concurrency === undefined ? settings.concurrency : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`Invalid --concurrency '${flags.concurrency}'`, "Use a whole number from 1 to 64");
  if (!settings.fingerprintKeyFromEnv) ctx.log.debug("ADOPS_FINGERPRINT_KEY is not set: secret fingerprints use a local key (.adops/fingerprint-key)");
  // The signal goes per call, to reads only: a write in flight at an interrupt finishes and is reported.
  const client = airbyteClientFor(ctx, settings, { abortOnSignal: false });
  const storePath = fingerprintPath(reportDir(ctx));
  const store = await readFingerprintStore(ctx.files, storePath);
  const recorded = store.fingerprints;
  ctx.log.info(`${flags.apply ? "Provisioning" : "Planning"} against ${settings.baseUrl}`, { tenants: flags.tenant.length || config.tenants.length, concurrency });
  let run: Awaited<ReturnType<typeof runProvisioning>>;
  try {
    run = await runProvisioning({
    config,
    client,
    env: ctx.env,
    tenants: flags.tenant,
    concurrency,
    allowRecreate: flags["allow-recreate"],
    prune: flags.prune,
    apply: flags.apply,
    fingerprintKey: settings.fingerprintKey,
    recorded,
    signal: ctx.signal,
    onOutcome: (o) => {
      if (o.status === "failed" || o.status === "blocked") ctx.log.error(`${o.tenant} ${o.template}: ${o.error ?? o.status}`, { tenant_id: o.tenant });
      else if (o.status === "applied") ctx.log.info(`${o.tenant} ${o.template}: ${o.steps.join(", ")}`, { tenant_id: o.tenant, connection_id: o.connectionId });
    },
    });
  } catch (caught) {
    // Airbyte down or refusing at the first call, or an interrupt while reading: the run still leaves its report.
    const error = ctx.signal.aborted && !(isAdopsError(caught) && caught.kind === "interrupted") ? new InterruptedError() : caught;
    if (!isAdopsError(error)) throw error;
    const exitCode = exitCodeFor(error.kind);
    const { path } = await writeRunReport(ctx, {
      command,
      startedAt,
      inputs: { tenants: flags.tenant, concurrency, allow_recreate: flags["allow-recreate"], prune: flags.prune, base_url: settings.baseUrl },
      exitCode,
      summary: { writes: 0 },
      rows: [],
      messages: [`${flags.apply ? "Provisioning" : "Planning"} stopped before any write: ${error.message}`],
    });
    ctx.log.error(`Report: ${path}`);
    throw error;
  }
  const { plan, result } = run;
  const interrupted = result?.interrupted === true;
  ctx.out(renderPlanText(plan));
  if (flags.apply && result !== undefined) {
    // Also after an interrupt: the secrets written before it are recorded.
    // The rotation date of each secret: when its fingerprint changed (credential_expiring reads it).
    await writeFingerprints(ctx.files, storePath, run.fingerprints, recordRotations(recorded, run.fingerprints, { rotations: store.rotations, now: ctx.clock.now() }));
    ctx.out(`${interrupted ? "Interrupted after" : "Applied:"} ${result.writes} write(s); tenants ${Object.values(result.tenants).filter((s) => s === "ok").length} ok, ${Object.values(result.tenants).filter((s) => s === "partial").length} partial, ${Object.values(result.tenants).filter((s) => s === "failed").length} failed`);
  }
  const outcome = new Map(result?.outcomes.map((o) => [o.key, o]));
  const rows = plan.connections.map((c): ProvisionReportRow => {
    const o = outcome.get(c.key);
    return {
      tenant: c.tenant,
      template: c.template,
      key: c.key,
      action: c.blocked ? "recreate_refused" : c.action,
      connection_id: o?.connectionId ?? c.connectionId ?? null,
      changes: [...(c.action === "create" ? [] : c.source.changes.map((x) => `source ${x.field}`)), ...(c.action === "create" ? [] : c.changes.map((x) => x.field))],
      reasons: c.reasons,
      warnings: c.warnings,
      ...(o ? { status: o.status, writes: o.writes, steps: o.steps, error: o.error ?? null } : {}),
    };
  });
  let exitCode: ExitCode;
  if (!flags.apply) {
    exitCode = plan.summary.error > 0 ? ExitCode.config : plan.hasChanges ? ExitCode.partial : ExitCode.ok;
  } else {
    const states = Object.values(result?.tenants ?? {});
    exitCode = exitCodeFor(interrupted ? "interrupted" : provisionOutcome(states));
  }
  const summary = { ...plan.summary, unmanaged: plan.unmanaged.length, writes: result?.writes ?? 0 };
  const { path } = await writeRunReport(ctx, {
    command,
    startedAt,
    inputs: { tenants: flags.tenant, concurrency, allow_recreate: flags["allow-recreate"], prune: flags.prune, base_url: settings.baseUrl },
    exitCode,
    summary,
    rows,
    messages: [
      ...(interrupted ? [interruptedMessage(result)] : []),
      ...(settings.fingerprintKeyFromEnv ? [] : ["ADOPS_FINGERPRINT_KEY is not set: fingerprints use a local key"]),
      ...plan.unmanaged.map((u) => `Unmanaged connection '${u.name}' (${u.connectionId}): ${u.action}`),
    ],
  });
  return {
    exitCode,
    json: { command, changes: plan.hasChanges, summary, connections: rows, unmanaged: plan.unmanaged, report: path },
    summaryMarkdown: renderPlanMarkdown(plan, result),
    outputs: { changes: String(plan.hasChanges), report_path: path, writes: String(result?.writes ?? 0) },
  };
}
