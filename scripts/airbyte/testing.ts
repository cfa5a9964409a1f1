// Test helpers: a contract-checked local Airbyte with a client on a shared fake clock.
import { createFakeClock, type FakeClock } from "../core/testing.ts";
import { type LocalAirbyte, type LocalAirbyteOptions, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { type AirbyteClient, type AirbyteClientOptions, createAirbyteClient } from "./client.ts";

/** Workspace id seeded by {@link startTestAirbyte}. */
export const TEST_WORKSPACE = "00000000-0000-4000-8000-000000000001";
/** Destination id seeded by {@link startTestAirbyte}. */
export const TEST_DESTINATION = "00000000-0000-4000-8000-000000000002";
/** Template connection id seeded by {@link startTestAirbyte} (Facebook Marketing). */
export const TEST_TEMPLATE_CONNECTION = "00000000-0000-4000-8000-0000000000aa";

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
      templateConnections: [{ connectionId: TEST_TEMPLATE_CONNECTION, workspaceId: TEST_WORKSPACE, destinationId: TEST_DESTINATION, name: "template meta_metrics", definitionName: "Facebook Marketing" }],
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
