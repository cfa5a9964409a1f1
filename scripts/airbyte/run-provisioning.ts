import type { AdopsConfig } from "../config/mod.ts";
import { type ApplyResult, applyConnectionPlan, type ConnectionOutcome } from "./apply-connection-plan.ts";
import type { AirbyteClient } from "./client.ts";
import { buildDesiredConnections } from "./desired-connections.ts";
import type { FingerprintRecord } from "./fingerprint-store.ts";
import { type ConnectionPlan, planConnections } from "./plan-connections.ts";
import { readActualState, type ReadOptions } from "./read-actual-state.ts";
import { fingerprintSecret } from "./secret-fingerprint.ts";

/** Options of {@link runProvisioning}. */
export interface RunProvisioningOptions {
  config: AdopsConfig;
  client: AirbyteClient;
  env: Readonly<Record<string, string | undefined>>;
  /** Only these tenants (all when empty). */
  tenants?: readonly string[];
  /** Parallel tenants (reads and apply). @default 4 */
  concurrency?: number;
  allowRecreate?: boolean;
  prune?: boolean;
  /** Apply the plan (false: plan only). */
  apply: boolean;
  fingerprintKey: string;
  /** Fingerprints recorded by the last apply. */
  recorded: FingerprintRecord;
  signal?: AbortSignal;
  /** How Airbyte is read (`BASELINE_READ_OPTIONS` is the bench's before). @default the fewest calls, pipelined per tenant */
  readOptions?: ReadOptions;
  onOutcome?: (outcome: ConnectionOutcome) => void;
}

/** A plan, what applying it did, and the fingerprints to record. */
export interface ProvisioningRun {
  plan: ConnectionPlan;
  result: ApplyResult | undefined;
  /** Recorded fingerprints updated with the secrets written. */
  fingerprints: FingerprintRecord;
}

/**
 * Plans (and optionally applies) provisioning: desired from config, actual
 * from Airbyte, the pure plan, then the applier.
 *
 * @param options Config, client, scope, flags, fingerprints.
 * @returns The plan and the apply result.
 */
export async function runProvisioning(options: RunProvisioningOptions): Promise<ProvisioningRun> {
  const desired = buildDesiredConnections(options.config, { env: options.env, ...(options.tenants ? { tenants: options.tenants } : {}) });
  const actual = await readActualState(options.client, desired, {
    concurrency: options.concurrency ?? 4,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.readOptions ? { readOptions: options.readOptions } : {}),
  });
  const desiredFingerprints: Record<string, Record<string, string | undefined>> = {};
  for (const d of desired) {
    const fps: Record<string, string | undefined> = {};
    for (const [field, envName] of Object.entries(d.source.secretEnv)) {
      const value = options.env[envName];
      fps[field] = value === undefined || value === "" ? undefined : fingerprintSecret(options.fingerprintKey, field, value);
    }
    desiredFingerprints[d.key] = fps;
  }
  const plan = planConnections(desired, actual, {
    desiredFingerprints,
    recordedFingerprints: options.recorded,
    allowRecreate: options.allowRecreate ?? false,
    prune: options.prune ?? false,
  });
  const fingerprints: FingerprintRecord = structuredClone(options.recorded);
  if (!options.apply) return { plan, result: undefined, fingerprints };
  const result = await applyConnectionPlan(plan, {
    client: options.client,
    concurrency: options.concurrency ?? 4,
    ...(options.signal ? { signal: options.signal } : {}),
    secretValue: (name) => (options.env[name] === "" ? undefined : options.env[name]),
    fingerprint: (field, value) => fingerprintSecret(options.fingerprintKey, field, value),
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  });
  for (const o of result.outcomes) if (o.fingerprints !== undefined) fingerprints[o.key] = o.fingerprints;
  return { plan, result, fingerprints };
}
