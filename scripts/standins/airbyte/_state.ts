import type { CatalogStream } from "./_catalogs.ts";
import type { JobRecord } from "./_jobs.ts";

/** A workspace in the stand-in. */
export interface WorkspaceRecord {
  workspaceId: string;
  name: string;
  slug: string;
  organizationId: string;
  customerId: string;
}

/** A source or destination definition. */
export interface DefinitionRecord {
  id: string;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
}

/** A source or destination. */
export interface ActorRecord {
  id: string;
  workspaceId: string;
  definitionId: string;
  name: string;
  /** Stored unmasked; masked on every read. */
  configuration: Record<string, unknown>;
  /** Epoch ms. */
  createdAt: number;
}

/** A connection, stored in its Config API shape (only selected streams). */
export interface ConnectionRecord {
  connectionId: string;
  workspaceId: string;
  name: string;
  sourceId: string;
  destinationId: string;
  status: "active" | "inactive" | "deprecated";
  namespaceDefinition: "source" | "destination" | "customformat";
  namespaceFormat?: string;
  prefix: string;
  operationIds: string[];
  syncCatalog: { streams: { stream: Record<string, unknown>; config: Record<string, unknown> }[] };
  scheduleType: "manual" | "basic" | "cron";
  scheduleData?: Record<string, unknown>;
  sourceCatalogId?: string;
  nonBreakingChangesPreference?: string;
  backfillPreference?: string;
  notifySchemaChanges?: boolean;
  /** Epoch ms. */
  createdAt: number;
}

/** Everything the stand-in knows. Plain data, so it can be saved as JSON. */
export interface StandinState {
  workspaces: Record<string, WorkspaceRecord>;
  sourceDefinitions: Record<string, DefinitionRecord>;
  destinationDefinitions: Record<string, DefinitionRecord>;
  sources: Record<string, ActorRecord>;
  destinations: Record<string, ActorRecord>;
  connections: Record<string, ConnectionRecord>;
  jobs: Record<string, JobRecord>;
  nextJobId: number;
  /** Streams discover returns beyond the generic ones, by definition name (seeded templates of definitions without a vendored catalog). */
  seededStreams?: Record<string, CatalogStream[]>;
}

/**
 * An empty state.
 *
 * @returns The state.
 */
export function emptyState(): StandinState {
  return { workspaces: {}, sourceDefinitions: {}, destinationDefinitions: {}, sources: {}, destinations: {}, connections: {}, jobs: {}, nextJobId: 1 };
}

const SECRET_KEY = /(token|secret|password|api_key|apikey|private_key|credentials_json|refresh|developer_token)/i;

/** The mask Airbyte shows in place of secrets. */
export const SECRET_MASK = "**********";

/**
 * A configuration with its secrets masked, as Airbyte returns it. With the
 * connector spec's secret paths (every property marked `airbyte_secret`, as
 * Airbyte's secrets processor masks them, so Bing's `tenant_id` too), exactly
 * those are masked; without a spec, fields whose names look secret.
 *
 * @param value The stored configuration.
 * @param secretPaths Dotted paths of the spec's `airbyte_secret` properties.
 * @param at The path of `value` (recursion).
 * @returns The masked copy.
 */
export function maskSecrets(value: unknown, secretPaths?: ReadonlySet<string>, at = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, secretPaths, at));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const path = at === "" ? k : `${at}.${k}`;
    const secret = secretPaths === undefined ? SECRET_KEY.test(k) : secretPaths.has(path);
    out[k] = secret && typeof v === "string" ? SECRET_MASK : maskSecrets(v, secretPaths, path);
  }
  return out;
}

/**
 * Merges an update into a stored configuration: values equal to the mask keep
 * the stored secret (Airbyte's `copySecrets`).
 *
 * @param stored The stored configuration.
 * @param update The configuration sent.
 * @returns The new stored configuration.
 */
export function mergeSecrets(stored: unknown, update: unknown): unknown {
  if (update === SECRET_MASK) return stored;
  if (Array.isArray(update) || update === null || typeof update !== "object") return update;
  const base = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(update)) out[k] = mergeSecrets(base[k], v);
  return out;
}
