// Test helpers: a contract-checked local Airbyte with a client on a shared fake clock.
import type { AdopsConfig, ResolvedTenant } from "../config/mod.ts";
import { createFakeClock, type FakeClock } from "../core/testing.ts";
import { type LocalAirbyte, type LocalAirbyteOptions, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { type AirbyteClient, type AirbyteClientOptions, createAirbyteClient } from "./client.ts";

/** Workspace id seeded by {@link startTestAirbyte}. */
export const TEST_WORKSPACE = "00000000-0000-4000-8000-000000000001";
/** Destination id seeded by {@link startTestAirbyte}. */
export const TEST_DESTINATION = "00000000-0000-4000-8000-000000000002";
/** Template connection id seeded by {@link startTestAirbyte} (Facebook Marketing). */
export const TEST_TEMPLATE_CONNECTION = "00000000-0000-4000-8000-0000000000aa";

/** A Facebook Marketing configuration its spec accepts (schemas/connectors/facebook-marketing/config.example.json). */
export const TEST_META_CONFIGURATION: Readonly<Record<string, unknown>> = {
  account_ids: ["1029384756"],
  start_date: "2023-01-01T00:00:00Z",
  insights_lookback_window: 28,
  action_breakdowns_allow_empty: true,
  credentials: { auth_type: "Service", access_token: "tok-123456" },
};

/** A Google Ads configuration its spec accepts (schemas/connectors/google-ads/config.example.json). */
export const TEST_GOOGLE_ADS_CONFIGURATION: Readonly<Record<string, unknown>> = {
  customer_id: "4455667788",
  start_date: "2023-01-01",
  credentials: { developer_token: "dev-token", client_id: "client-id", client_secret: "client-secret", refresh_token: "refresh-token" },
};

/** A stand-in and a client on one fake clock. */
export interface TestAirbyte {
  airbyte: LocalAirbyte;
  client: AirbyteClient;
  clock: FakeClock;
  /** Closes the server and fails when the contract was broken. */
  close(): Promise<void>;
}

/**
 * Starts a contract-checked local Airbyte seeded with one workspace, one
 * destination and one Meta template connection, and a client (no jitter,
 * fake clock) pointing at it.
 *
 * @param options Stand-in options (merged over the defaults) and client options.
 * @returns The pair; call `close()` in `finally`/`after`.
 */
export async function startTestAirbyte(
  options: { server?: LocalAirbyteOptions; client?: Partial<AirbyteClientOptions> } = {},
): Promise<TestAirbyte> {
  const clock = createFakeClock();
  const airbyte = await startLocalAirbyte({
    contractCheck: true,
    clock,
    seed: {
      workspaces: [{ workspaceId: TEST_WORKSPACE, name: "Test" }],
      destinations: [{ destinationId: TEST_DESTINATION, workspaceId: TEST_WORKSPACE, name: "warehouse" }],
      templateConnections: [{ connectionId: TEST_TEMPLATE_CONNECTION, workspaceId: TEST_WORKSPACE, destinationId: TEST_DESTINATION, name: "template meta_metrics", definitionName: "Facebook Marketing", configuration: structuredClone(TEST_META_CONFIGURATION) as Record<string, unknown> }],
    },
    ...options.server,
  });
  const client = createAirbyteClient({ baseUrl: airbyte.url, clock, retry: { random: () => 0.5 }, ...options.client });
  return {
    airbyte,
    client,
    clock,
    async close() {
      await airbyte.close();
      airbyte.assertContract();
    },
  };
}

/** The templates {@link syntheticTenants} gives every tenant. */
export const SYNTHETIC_TEMPLATES: readonly string[] = ["meta_metrics", "google_metrics", "dimensions_daily", "microsoft_metrics"];

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/**
 * `count` tenants cloned from the first shipped tenant that has every one of
 * {@link SYNTHETIC_TEMPLATES}, each with its own workspace, destination and
 * prefix (`bench-0000`, `bench-0001`, ...); the stand-in seeded with the
 * result has their workspaces and destinations.
 *
 * @param shipped The loaded shipped config.
 * @param count How many tenants.
 * @returns The config with only the synthetic tenants.
 * @throws {Error} When no shipped tenant has the four templates.
 */
export function syntheticTenants(shipped: AdopsConfig, count: number): AdopsConfig {
  const model = shipped.tenants.find((t) => SYNTHETIC_TEMPLATES.every((name) => t.connections.some((c) => c.template === name)));
  if (model === undefined) throw new Error(`No shipped tenant has the templates '${SYNTHETIC_TEMPLATES.join("', '")}'`);
  const tenants: ResolvedTenant[] = [];
  for (let i = 0; i < count; i++) {
    const slug = `bench-${hex(i, 4)}`;
    const t: ResolvedTenant = structuredClone(model);
    t.slug = slug;
    t.displayName = slug;
    t.workspaceId = `b0000000-0000-4000-8000-${hex(i, 12)}`;
    t.destinationId = `d0000000-0000-4000-8000-${hex(i, 12)}`;
    t.connections = t.connections.filter((c) => SYNTHETIC_TEMPLATES.includes(c.template)).map((c) => ({
      ...c,
      tenant: slug,
      name: `${slug} ${c.template}`,
      prefix: `t${hex(i, 4)}_`,
      managedKey: `adops:${slug}:${c.template}`,
      connectionId: undefined,
    }));
    tenants.push(t);
  }
  return { ...shipped, tenants };
}
