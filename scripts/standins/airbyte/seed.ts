import type { AdopsConfig } from "../../config/mod.ts";
import { type CatalogStream, DESTINATION_DEFINITIONS, genericSourceDefinition, genericStream, hasContract, SOURCE_DEFINITIONS, stableUuid, toAirbyteStream } from "./_catalogs.ts";
import { discoverStreams } from "./_discover.ts";
import type { StandinState } from "./_state.ts";

/** A stream a seeded template connection selects (the template file's shape). */
export interface SeedStream {
  name: string;
  sync_mode: "full_refresh" | "incremental";
  destination_sync_mode: "append" | "overwrite" | "append_dedup" | "overwrite_dedup";
  cursor_field?: string[] | undefined;
  primary_key?: string[][] | undefined;
}

/** What the stand-in starts with. */
export interface StandinSeed {
  /** Workspaces. */
  workspaces?: { workspaceId: string; name?: string }[];
  /** Destinations (definition `DuckDB` unless named; configuration the definition's local default unless given). */
  destinations?: { destinationId: string; workspaceId: string; name?: string; definitionName?: string; configuration?: Record<string, unknown> }[];
  /** Source definition names beyond the built-in ones. */
  sourceDefinitions?: string[];
  /** Streams discover should also return, by definition name (the streams templates select); ignored for the connectors with a vendored catalog. */
  streams?: Record<string, SeedStream[]>;
  /** Golden connections to clone from, each with its own source named `template:<name>`. */
  templateConnections?: {
    connectionId: string;
    workspaceId: string;
    destinationId: string;
    name: string;
    definitionName: string;
    configuration?: Record<string, unknown>;
    /** Streams to select; every discovered stream when absent. */
    streams?: SeedStream[];
  }[];
}

/**
 * The seed a config needs: every tenant's workspace and destination, every
 * template's source definition, and every template connection the config
 * names (by `template_connection_id` or the env var in
 * `template_connection_id_env`), in `template_workspace_id` with
 * `template_destination_id`.
 *
 * @param config The loaded config.
 * @param env The environment (for `template_connection_id_env`).
 * @returns The seed.
 * @example
 * ```ts
 * import { makeConfig } from "../../config/testing.ts";
 * import { seedFromConfig } from "./seed.ts";
 * const seed = seedFromConfig(makeConfig(), {});
 * console.assert(seed.workspaces?.length === 1);
 * ```
 */
export function seedFromConfig(config: AdopsConfig, env: Readonly<Record<string, string | undefined>> = {}): StandinSeed {
  const workspaces = new Map<string, string>();
  const destinations = new Map<string, { destinationId: string; workspaceId: string; name: string }>();
  for (const tenant of config.tenants) {
    if (tenant.workspaceId !== "" && !workspaces.has(tenant.workspaceId)) workspaces.set(tenant.workspaceId, `${tenant.displayName} workspace`);
    if (tenant.destinationId !== "" && !destinations.has(tenant.destinationId)) {
      destinations.set(tenant.destinationId, { destinationId: tenant.destinationId, workspaceId: tenant.workspaceId, name: `${tenant.slug} warehouse` });
    }
  }
  const airbyte = config.platform.airbyte;
  const templateWorkspace = airbyte.template_workspace_id ?? config.tenants[0]?.workspaceId ?? stableUuid("adops:template-workspace");
  if (!workspaces.has(templateWorkspace)) workspaces.set(templateWorkspace, "Templates");
  const templateDestination = airbyte.template_destination_id ?? env.AIRBYTE_TEMPLATE_DESTINATION_ID ?? stableUuid("adops:template-destination");
  if (!destinations.has(templateDestination)) destinations.set(templateDestination, { destinationId: templateDestination, workspaceId: templateWorkspace, name: "template warehouse" });

  const templateConnections: NonNullable<StandinSeed["templateConnections"]> = [];
  const definitions = new Set<string>();
  const streams: Record<string, SeedStream[]> = {};
  for (const template of config.templates.values()) {
    definitions.add(template.source.definition);
    if (template.streams) (streams[template.source.definition] ??= []).push(...template.streams);
    const id = template.template_connection_id ?? (template.template_connection_id_env ? env[template.template_connection_id_env] : undefined);
    if (id === undefined || id === "") continue;
    templateConnections.push({
      connectionId: id,
      workspaceId: templateWorkspace,
      destinationId: templateDestination,
      name: `template ${template.name}`,
      definitionName: template.source.definition,
      configuration: template.source.configuration ?? {},
      ...(template.streams ? { streams: template.streams } : {}),
    });
  }
  return {
    workspaces: [...workspaces].map(([workspaceId, name]) => ({ workspaceId, name })),
    destinations: [...destinations.values()],
    sourceDefinitions: [...definitions],
    streams,
    templateConnections,
  };
}

/**
 * A seeded destination's configuration when the seed gives none: DuckDB's file path, or
 * destination-postgres' connection fields (host, port, database, default schema, username,
 * SSL mode; the password is never stored in the stand-in).
 *
 * @param definitionName The destination definition's name.
 * @returns The configuration.
 */
export function localDestinationConfiguration(definitionName: string): Record<string, unknown> {
  if (definitionName === "Postgres") return { host: "127.0.0.1", port: 5432, database: "analytics", schema: "public", username: "adops", ssl_mode: { mode: "disable" } };
  return { destination_path: "/local/adops.duckdb" };
}

/**
 * Adds a seed to a state (idempotent: existing ids are kept as they are).
 *
 * @param state The state to fill.
 * @param seed What to add.
 * @param now Epoch ms for createdAt fields.
 */
export function applySeed(state: StandinState, seed: StandinSeed, now: number): void {
  for (const d of SOURCE_DEFINITIONS) state.sourceDefinitions[d.id] = { id: d.id, name: d.name, dockerRepository: d.dockerRepository, dockerImageTag: d.dockerImageTag };
  for (const d of DESTINATION_DEFINITIONS) state.destinationDefinitions[d.id] ??= { id: d.id, name: d.name, dockerRepository: d.dockerRepository, dockerImageTag: d.dockerImageTag };
  for (const name of seed.sourceDefinitions ?? []) definitionByName(state, name);
  for (const [definition, list] of Object.entries(seed.streams ?? {})) {
    if (hasContract(definition)) continue;
    const extra = (state.seededStreams ??= {})[definition] ??= [];
    for (const s of list) {
      if (streamsOf(definition, {}, state).some((f) => f.name === s.name)) continue;
      extra.push(fixtureFor(s));
    }
  }
  for (const w of seed.workspaces ?? []) {
    state.workspaces[w.workspaceId] ??= {
      workspaceId: w.workspaceId,
      name: w.name ?? w.workspaceId,
      slug: (w.name ?? w.workspaceId).toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      organizationId: "00000000-0000-0000-0000-000000000000",
      customerId: stableUuid(`customer:${w.workspaceId}`),
    };
  }
  for (const d of seed.destinations ?? []) {
    const definition = DESTINATION_DEFINITIONS.find((x) => x.name === (d.definitionName ?? "DuckDB")) ?? DESTINATION_DEFINITIONS[0];
    state.destinations[d.destinationId] ??= {
      id: d.destinationId,
      workspaceId: d.workspaceId,
      definitionId: definition?.id ?? "",
      name: d.name ?? d.destinationId,
      configuration: d.configuration ?? localDestinationConfiguration(definition?.name ?? "DuckDB"),
      createdAt: now,
    };
  }
  for (const t of seed.templateConnections ?? []) {
    if (state.connections[t.connectionId] !== undefined) continue;
    const definition = definitionByName(state, t.definitionName);
    const sourceId = stableUuid(`template-source:${t.connectionId}`);
    state.sources[sourceId] ??= { id: sourceId, workspaceId: t.workspaceId, definitionId: definition.id, name: `template:${t.name}`, configuration: t.configuration ?? {}, createdAt: now };
    const fixtures = streamsOf(definition.name, t.configuration ?? {}, state);
    const selected = t.streams ?? fixtures.map((s) => ({
      name: s.name,
      sync_mode: s.source_defined_cursor ? "incremental" as const : "full_refresh" as const,
      destination_sync_mode: s.source_defined_cursor ? "append_dedup" as const : "overwrite" as const,
      cursor_field: s.default_cursor_field,
      primary_key: s.source_defined_primary_key,
    }));
    const streams = selected.flatMap((sel) => {
      const fixture = fixtures.find((f) => f.name === sel.name);
      if (fixture === undefined) return [];
      return [{
        stream: toAirbyteStream(fixture),
        config: {
          syncMode: sel.sync_mode,
          destinationSyncMode: sel.destination_sync_mode,
          cursorField: sel.cursor_field ?? fixture.default_cursor_field ?? [],
          primaryKey: sel.primary_key ?? fixture.source_defined_primary_key ?? [],
          selected: true,
          aliasName: sel.name,
          suggested: true,
        },
      }];
    });
    state.connections[t.connectionId] = {
      connectionId: t.connectionId,
      workspaceId: t.workspaceId,
      name: t.name,
      sourceId,
      destinationId: t.destinationId,
      status: "inactive",
      namespaceDefinition: "destination",
      prefix: "",
      operationIds: [],
      syncCatalog: { streams },
      scheduleType: "manual",
      createdAt: now,
    };
  }
}

/**
 * The definition with `name`, added from fixtures (or generic) when missing.
 *
 * @param state The state.
 * @param name The definition name.
 * @returns The definition record.
 */
export function definitionByName(state: StandinState, name: string): { id: string; name: string } {
  const existing = Object.values(state.sourceDefinitions).find((d) => d.name === name);
  if (existing) return existing;
  const fixture = SOURCE_DEFINITIONS.find((d) => d.name === name) ?? genericSourceDefinition(name);
  state.sourceDefinitions[fixture.id] = { id: fixture.id, name: fixture.name, dockerRepository: fixture.dockerRepository, dockerImageTag: fixture.dockerImageTag };
  return fixture;
}

/**
 * The discoverable streams of a definition for a configuration: the vendored
 * catalog (plus Google Ads' custom queries), or generic streams plus seeded
 * extras; none when discover would fail.
 *
 * @param definitionName The definition name.
 * @param configuration The source configuration.
 * @param state The state (for seeded extra streams).
 * @returns The streams.
 */
export function streamsOf(definitionName: string, configuration: Record<string, unknown> = {}, state?: StandinState): CatalogStream[] {
  const result = discoverStreams(definitionName, configuration, state?.seededStreams?.[definitionName] ?? []);
  return result.ok ? result.streams : [];
}

function fixtureFor(s: SeedStream): CatalogStream {
  const fields: Record<string, string> = { impressions: "integer", clicks: "integer", spend: "number" };
  for (const f of [...(s.cursor_field ?? []), ...(s.primary_key ?? []).flat()]) fields[f] = "string";
  return genericStream(s.name, fields, s.cursor_field, s.primary_key ?? []);
}
