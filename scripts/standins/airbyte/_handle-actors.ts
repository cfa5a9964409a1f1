// Workspaces, definitions, sources, destinations, tokens.
import { type CatalogStream, secretPathsOf, specOf, stableUuid, toAirbyteStream } from "./_catalogs.ts";
import { discoverStreams } from "./_discover.ts";
import { type Reply, ReplyError, notFound } from "./_replies.ts";
import { type ActorRecord, maskSecrets, mergeSecrets, SECRET_MASK, type StandinState } from "./_state.ts";
import type { CheckFailure } from "./faults.ts";
import { ensureConfiguration } from "./_validate-configuration.ts";

/** What a handler gets. */
export interface HandlerInput {
  state: StandinState;
  /** The stand-in's now, epoch ms. */
  now: number;
  body: Record<string, unknown>;
  headers: Readonly<Record<string, string | undefined>>;
  /** Check failures currently configured. */
  checks: readonly CheckFailure[];
}

/** A route handler. */
export type Handler = (input: HandlerInput) => Reply | Promise<Reply>;

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function workspaceOf(state: StandinState, id: unknown) {
  const w = state.workspaces[String(id)];
  if (w === undefined) throw notFound("STANDARD_WORKSPACE", id);
  return w;
}

function sourceRead(state: StandinState, s: ActorRecord): Record<string, unknown> {
  const def = state.sourceDefinitions[s.definitionId];
  return {
    sourceDefinitionId: s.definitionId,
    sourceId: s.id,
    workspaceId: s.workspaceId,
    connectionConfiguration: maskSecrets(s.configuration, def === undefined ? undefined : secretPathsOf(def.name)),
    name: s.name,
    sourceName: def?.name ?? "unknown",
    createdAt: seconds(s.createdAt),
    status: "active",
    supportState: "supported",
  };
}

function destinationRead(state: StandinState, d: ActorRecord): Record<string, unknown> {
  const def = state.destinationDefinitions[d.definitionId];
  return {
    destinationDefinitionId: d.definitionId,
    destinationId: d.id,
    workspaceId: d.workspaceId,
    connectionConfiguration: maskSecrets(d.configuration),
    name: d.name,
    destinationName: def?.name ?? "unknown",
    createdAt: seconds(d.createdAt),
    status: "active",
    supportState: "supported",
  };
}

/** Cursor pagination of 1.8 `sources/list` and `destinations/list`: 20 by default, cursor = last id. */
function page<T extends { id: string; name: string; createdAt: number }>(items: T[], body: Record<string, unknown>): T[] {
  const sorted = [...items].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const size = typeof body.pageSize === "number" && body.pageSize > 0 ? body.pageSize : 20;
  const cursor = typeof body.cursor === "string" ? body.cursor : undefined;
  const start = cursor === undefined ? 0 : sorted.findIndex((s) => s.id === cursor) + 1;
  return sorted.slice(start, start + size);
}

function checkFailure(state: StandinState, checks: readonly CheckFailure[], source: ActorRecord): CheckFailure | undefined {
  const definition = state.sourceDefinitions[source.definitionId]?.name;
  return checks.find((c) =>
    (c.definitionName === undefined || c.definitionName === definition) &&
    (c.sourceName === undefined || (typeof c.sourceName === "string" ? c.sourceName === source.name : c.sourceName.test(source.name)))
  );
}

function syncJobRead(configType: string, configId: string, now: number, failure?: CheckFailure): Record<string, unknown> {
  return {
    id: crypto.randomUUID(),
    configType,
    configId,
    createdAt: seconds(now),
    endedAt: seconds(now),
    succeeded: failure === undefined || !failure.jobFails,
    ...(failure?.jobFails
      ? { failureReason: { failureOrigin: "source", failureType: "config_error", externalMessage: failure.message ?? "Invalid credentials", internalMessage: "Check failed", retryable: false, timestamp: now } }
      : {}),
  };
}

function sourceOf(state: StandinState, id: unknown): ActorRecord {
  const s = state.sources[String(id)];
  if (s === undefined) throw notFound("SOURCE_CONNECTION", id);
  return s;
}

/**
 * The configuration discover suggests for a stream (CatalogConverter.generateDefaultConfiguration):
 * not selected; incremental + append_dedup with a source-defined cursor and key;
 * incremental + append when only incremental is supported; else full refresh + overwrite.
 */
function defaultStreamConfiguration(f: CatalogStream): Record<string, unknown> {
  const key = f.source_defined_primary_key ?? [];
  const cursor = f.source_defined_cursor === true;
  const modes = cursor && key.length > 0
    ? { syncMode: "incremental", destinationSyncMode: "append_dedup" }
    : cursor && !f.supported_sync_modes.includes("full_refresh")
    ? { syncMode: "incremental", destinationSyncMode: "append" }
    : { syncMode: "full_refresh", destinationSyncMode: "overwrite" };
  return { ...modes, cursorField: f.default_cursor_field ?? [], primaryKey: key, selected: false, suggested: false, aliasName: f.name.replace(/[^A-Za-z0-9_]/g, "_") };
}

/** Handlers by operation path. */
export const actorHandlers: Record<string, Handler> = {
  "workspaces/get": ({ state, body }) => {
    const w = workspaceOf(state, body.workspaceId);
    return { status: 200, body: { ...w, initialSetupComplete: true, displaySetupWizard: false } };
  },
  "source_definitions/list": ({ state }) => ({
    status: 200,
    body: { sourceDefinitions: Object.values(state.sourceDefinitions).map((d) => ({ sourceDefinitionId: d.id, name: d.name, dockerRepository: d.dockerRepository, dockerImageTag: d.dockerImageTag })) },
  }),
  "source_definitions/get": ({ state, body }) => {
    const d = state.sourceDefinitions[String(body.sourceDefinitionId)];
    if (d === undefined) throw notFound("STANDARD_SOURCE_DEFINITION", body.sourceDefinitionId);
    return { status: 200, body: { sourceDefinitionId: d.id, name: d.name, dockerRepository: d.dockerRepository, dockerImageTag: d.dockerImageTag } };
  },
  "destination_definitions/list": ({ state }) => ({
    status: 200,
    body: {
      destinationDefinitions: Object.values(state.destinationDefinitions).map((d) => ({
        destinationDefinitionId: d.id,
        name: d.name,
        dockerRepository: d.dockerRepository,
        dockerImageTag: d.dockerImageTag,
        documentationUrl: `https://docs.airbyte.com/integrations/destinations/${d.name.toLowerCase()}`,
      })),
    },
  }),
  "destination_definitions/get": ({ state, body }) => {
    const d = state.destinationDefinitions[String(body.destinationDefinitionId)];
    if (d === undefined) throw notFound("STANDARD_DESTINATION_DEFINITION", body.destinationDefinitionId);
    return {
      status: 200,
      body: { destinationDefinitionId: d.id, name: d.name, dockerRepository: d.dockerRepository, dockerImageTag: d.dockerImageTag, documentationUrl: `https://docs.airbyte.com/integrations/destinations/${d.name.toLowerCase()}` },
    };
  },
  "sources/get": ({ state, body }) => ({ status: 200, body: sourceRead(state, sourceOf(state, body.sourceId)) }),
  "sources/list": ({ state, body }) => {
    workspaceOf(state, body.workspaceId);
    const all = Object.values(state.sources).filter((s) => s.workspaceId === body.workspaceId);
    return { status: 200, body: { sources: page(all, body).map((s) => sourceRead(state, s)) } };
  },
  "source_definition_specifications/get": ({ state, body, now }) => {
    workspaceOf(state, body.workspaceId);
    const d = state.sourceDefinitions[String(body.sourceDefinitionId)];
    if (d === undefined) throw notFound("STANDARD_SOURCE_DEFINITION", body.sourceDefinitionId);
    const spec = specOf(d.name);
    const auth = spec.advanced_auth;
    return {
      status: 200,
      body: {
        sourceDefinitionId: d.id,
        ...(spec.documentationUrl !== undefined ? { documentationUrl: spec.documentationUrl } : {}),
        connectionSpecification: spec.connectionSpecification,
        ...(auth !== undefined
          ? {
            advancedAuth: {
              ...(auth.auth_flow_type !== undefined ? { authFlowType: auth.auth_flow_type } : {}),
              ...(auth.predicate_key !== undefined ? { predicateKey: auth.predicate_key } : {}),
              ...(auth.predicate_value !== undefined ? { predicateValue: auth.predicate_value } : {}),
            },
            advancedAuthGlobalCredentialsAvailable: false,
          }
          : {}),
        jobInfo: { ...syncJobRead("get_spec", d.id, now), configId: "NoConfiguration" },
      },
    };
  },
  "sources/create": ({ state, body, now }) => {
    workspaceOf(state, body.workspaceId);
    const definition = state.sourceDefinitions[String(body.sourceDefinitionId)];
    if (definition === undefined) throw notFound("STANDARD_SOURCE_DEFINITION", body.sourceDefinitionId);
    ensureConfiguration(definition.name, body.connectionConfiguration);
    const id = crypto.randomUUID();
    const record: ActorRecord = {
      id,
      workspaceId: String(body.workspaceId),
      definitionId: String(body.sourceDefinitionId),
      name: String(body.name),
      configuration: mergeSecrets({}, body.connectionConfiguration) as Record<string, unknown>,
      createdAt: now,
    };
    state.sources[id] = record;
    return { status: 200, body: sourceRead(state, record), write: true };
  },
  "sources/update": ({ state, body }) => {
    const s = sourceOf(state, body.sourceId);
    // ConfigurationUpdate.source: the mask keeps the stored secret, then the merged configuration is validated.
    const merged = mergeSecrets(s.configuration, body.connectionConfiguration) as Record<string, unknown>;
    ensureConfiguration(state.sourceDefinitions[s.definitionId]?.name ?? "", merged);
    s.name = String(body.name);
    s.configuration = merged;
    return { status: 200, body: sourceRead(state, s), write: true };
  },
  "sources/check_connection": ({ state, body, now, checks }) => {
    const s = sourceOf(state, body.sourceId);
    const definitionName = state.sourceDefinitions[s.definitionId]?.name ?? "";
    const discovered = discoverStreams(definitionName, s.configuration, state.seededStreams?.[definitionName] ?? []);
    const failure = checkFailure(state, checks, s) ?? (JSON.stringify(s.configuration).includes(SECRET_MASK) ? { message: "Secret is missing" } : undefined) ??
      (discovered.ok ? undefined : { message: discovered.message });
    const jobInfo = syncJobRead("check_connection_source", s.id, now, failure);
    if (failure?.jobFails) return { status: 200, body: { jobInfo } };
    return { status: 200, body: failure ? { status: "failed", message: failure.message ?? "Invalid credentials", jobInfo } : { status: "succeeded", jobInfo } };
  },
  "sources/discover_schema": ({ state, body, now, checks }) => {
    const s = sourceOf(state, body.sourceId);
    const failure = checkFailure(state, checks, s);
    if (failure !== undefined) return { status: 200, body: { jobInfo: syncJobRead("discover_schema", s.id, now, { ...failure, jobFails: true }) } };
    const definitionName = state.sourceDefinitions[s.definitionId]?.name ?? "";
    const discovered = discoverStreams(definitionName, s.configuration, state.seededStreams?.[definitionName] ?? []);
    if (!discovered.ok) return { status: 200, body: { jobInfo: syncJobRead("discover_schema", s.id, now, { message: discovered.message, jobFails: true }) } };
    const streams = discovered.streams.map((f) => ({
      stream: toAirbyteStream(f),
      config: defaultStreamConfiguration(f),
    }));
    const fresh = body.disable_cache === true;
    return {
      status: 200,
      body: {
        catalog: { streams },
        catalogId: stableUuid(`catalog:${s.id}:${JSON.stringify(s.configuration)}`),
        jobInfo: { ...syncJobRead("discover_schema", fresh ? s.id : "NoConfiguration", now), ...(fresh ? {} : { createdAt: 0 }) },
      },
    };
  },
  "destinations/get": ({ state, body }) => {
    const d = state.destinations[String(body.destinationId)];
    if (d === undefined) throw notFound("DESTINATION_CONNECTION", body.destinationId);
    return { status: 200, body: destinationRead(state, d) };
  },
  "destinations/list": ({ state, body }) => {
    workspaceOf(state, body.workspaceId);
    const all = Object.values(state.destinations).filter((d) => d.workspaceId === body.workspaceId);
    return { status: 200, body: { destinations: page(all, body).map((d) => destinationRead(state, d)) } };
  },
  "destinations/create": ({ state, body, now }) => {
    workspaceOf(state, body.workspaceId);
    if (state.destinationDefinitions[String(body.destinationDefinitionId)] === undefined) throw notFound("STANDARD_DESTINATION_DEFINITION", body.destinationDefinitionId);
    const id = crypto.randomUUID();
    const record: ActorRecord = { id, workspaceId: String(body.workspaceId), definitionId: String(body.destinationDefinitionId), name: String(body.name), configuration: body.connectionConfiguration as Record<string, unknown>, createdAt: now };
    state.destinations[id] = record;
    return { status: 200, body: destinationRead(state, record), write: true };
  },
  "destinations/update": ({ state, body }) => {
    const d = state.destinations[String(body.destinationId)];
    if (d === undefined) throw notFound("DESTINATION_CONNECTION", body.destinationId);
    d.name = String(body.name);
    d.configuration = mergeSecrets(d.configuration, body.connectionConfiguration) as Record<string, unknown>;
    return { status: 200, body: destinationRead(state, d), write: true };
  },
  "destinations/check_connection": ({ state, body, now }) => {
    const d = state.destinations[String(body.destinationId)];
    if (d === undefined) throw notFound("DESTINATION_CONNECTION", body.destinationId);
    return { status: 200, body: { status: "succeeded", jobInfo: syncJobRead("check_connection_destination", d.id, now) } };
  },
};

/**
 * The Micronaut 400 for bad client credentials on `applications/token`.
 *
 * @returns The error to throw.
 */
export function badCredentials(): ReplyError {
  return new ReplyError({
    status: 400,
    body: {
      message: "Bad Request",
      _links: { self: { href: "/api/v1/applications/token", templated: false } },
      _embedded: { errors: [{ message: "Invalid client id or token", _links: {}, _embedded: {} }] },
    },
  });
}
