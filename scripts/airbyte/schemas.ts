// Valibot schemas of the Config API responses, naming only the fields adops
// uses (extra fields are ignored; optional where Airbyte may leave them out).
import * as v from "valibot";

const Id = v.string();
const Json = v.record(v.string(), v.unknown());

/** `WorkspaceRead`. */
export const WorkspaceSchema = v.object({ workspaceId: Id, name: v.string() });

/** `SourceDefinitionRead`. */
export const SourceDefinitionSchema = v.object({ sourceDefinitionId: Id, name: v.string(), dockerRepository: v.optional(v.string()) });

/** `SourceDefinitionReadList`. */
export const SourceDefinitionListSchema = v.object({ sourceDefinitions: v.array(SourceDefinitionSchema) });

/** `SourceRead`. */
export const SourceSchema = v.object({
  sourceId: Id,
  workspaceId: Id,
  sourceDefinitionId: Id,
  name: v.string(),
  sourceName: v.optional(v.string()),
  connectionConfiguration: Json,
});

/** `SourceReadList`. */
export const SourceListSchema = v.object({ sources: v.array(SourceSchema) });

/** `DestinationRead`. */
export const DestinationSchema = v.object({
  destinationId: Id,
  workspaceId: Id,
  destinationDefinitionId: Id,
  name: v.string(),
  destinationName: v.optional(v.string()),
});

/** `DestinationReadList`. */
export const DestinationListSchema = v.object({ destinations: v.array(DestinationSchema) });

/** `FailureReason`. */
export const FailureReasonSchema = v.object({
  failureOrigin: v.optional(v.string()),
  failureType: v.optional(v.string()),
  externalMessage: v.optional(v.string()),
  internalMessage: v.optional(v.string()),
  retryable: v.optional(v.boolean()),
  timestamp: v.optional(v.number()),
});

/** `SynchronousJobRead`. */
export const SynchronousJobSchema = v.object({ succeeded: v.boolean(), configType: v.optional(v.string()), failureReason: v.optional(FailureReasonSchema) });

/** `CheckConnectionRead`: `status` is absent when the check job itself failed. */
export const CheckConnectionSchema = v.object({
  status: v.optional(v.picklist(["succeeded", "failed"])),
  message: v.optional(v.string()),
  jobInfo: SynchronousJobSchema,
});

/**
 * `AirbyteStreamAndConfiguration`, kept whole (`stream` and `config` are
 * copied verbatim into connections); `jsonSchema` or the spec's misspelt
 * `json_schema` are both tolerated.
 */
export const StreamAndConfigurationSchema = v.object({
  stream: v.looseObject({ name: v.string(), namespace: v.optional(v.string()) }),
  config: v.looseObject({
    syncMode: v.string(),
    destinationSyncMode: v.string(),
    selected: v.optional(v.boolean()),
    cursorField: v.optional(v.array(v.string())),
    primaryKey: v.optional(v.array(v.array(v.string()))),
  }),
});

/** `AirbyteCatalog`. */
export const CatalogSchema = v.object({ streams: v.array(StreamAndConfigurationSchema) });

/** `SourceDiscoverSchemaRead`: `catalog` is absent when discover failed. */
export const DiscoverSchema = v.object({
  catalog: v.optional(CatalogSchema),
  catalogId: v.optional(v.string()),
  jobInfo: SynchronousJobSchema,
});

/** `ConnectionScheduleData`. */
export const ScheduleDataSchema = v.object({
  basicSchedule: v.optional(v.object({ timeUnit: v.string(), units: v.number() })),
  cron: v.optional(v.object({ cronExpression: v.string(), cronTimeZone: v.string() })),
});

/** `ConnectionRead`. */
export const ConnectionSchema = v.object({
  connectionId: Id,
  name: v.string(),
  sourceId: Id,
  destinationId: Id,
  status: v.picklist(["active", "inactive", "deprecated"]),
  namespaceDefinition: v.optional(v.string()),
  namespaceFormat: v.optional(v.nullable(v.string())),
  prefix: v.optional(v.string()),
  operationIds: v.optional(v.array(v.string())),
  syncCatalog: CatalogSchema,
  scheduleType: v.optional(v.picklist(["manual", "basic", "cron"])),
  scheduleData: v.optional(ScheduleDataSchema),
  workspaceId: v.optional(v.string()),
});

/** `ConnectionReadList`. */
export const ConnectionListSchema = v.object({ connections: v.array(ConnectionSchema) });

/** `AttemptStats`. */
export const StatsSchema = v.object({
  recordsEmitted: v.optional(v.number()),
  bytesEmitted: v.optional(v.number()),
  recordsCommitted: v.optional(v.number()),
  bytesCommitted: v.optional(v.number()),
});

/** `JobRead` (timestamps in epoch seconds). */
export const JobSchema = v.object({
  id: v.number(),
  configType: v.string(),
  configId: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
  startedAt: v.optional(v.number()),
  status: v.picklist(["pending", "running", "incomplete", "failed", "succeeded", "cancelled"]),
  aggregatedStats: v.optional(StatsSchema),
});

/** `AttemptRead`. */
export const AttemptSchema = v.object({
  id: v.number(),
  status: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
  endedAt: v.optional(v.number()),
  totalStats: v.optional(StatsSchema),
  streamStats: v.optional(v.array(v.object({ streamName: v.string(), streamNamespace: v.optional(v.string()), stats: v.optional(StatsSchema) }))),
  failureSummary: v.optional(v.object({ failures: v.array(FailureReasonSchema), partialSuccess: v.optional(v.boolean()) })),
});

/** `JobInfoRead` (attempts wrapped in `{attempt}`). */
export const JobInfoSchema = v.object({ job: JobSchema, attempts: v.array(v.object({ attempt: AttemptSchema })) });

/** `JobReadList` (attempts not wrapped). */
export const JobListSchema = v.object({
  jobs: v.array(v.object({ job: JobSchema, attempts: v.optional(v.array(AttemptSchema), []) })),
  totalJobCount: v.number(),
});

/** `ConnectionStatusRead[]`. */
export const ConnectionStatusListSchema = v.array(v.object({
  connectionId: Id,
  connectionSyncStatus: v.picklist(["running", "failed", "paused", "pending", "incomplete", "synced"]),
  activeJob: v.optional(JobSchema),
  lastSuccessfulSync: v.optional(v.number()),
  lastSyncJobId: v.optional(v.number()),
  failureReason: v.optional(FailureReasonSchema),
}));

/** `AccessToken` (Config API) or `PublicAccessTokenResponse`. */
export const AccessTokenSchema = v.object({ access_token: v.string(), expires_in: v.optional(v.number()) });

/** A workspace. */
export type Workspace = v.InferOutput<typeof WorkspaceSchema>;
/** A source definition. */
export type SourceDefinition = v.InferOutput<typeof SourceDefinitionSchema>;
/** A source (secrets masked). */
export type Source = v.InferOutput<typeof SourceSchema>;
/** A destination. */
export type Destination = v.InferOutput<typeof DestinationSchema>;
/** A check_connection result. */
export type CheckConnectionResult = v.InferOutput<typeof CheckConnectionSchema>;
/** A discover_schema result. */
export type DiscoverResult = v.InferOutput<typeof DiscoverSchema>;
/** A catalog. */
export type Catalog = v.InferOutput<typeof CatalogSchema>;
/** One stream of a catalog. */
export type CatalogStream = v.InferOutput<typeof StreamAndConfigurationSchema>;
/** A connection. */
export type Connection = v.InferOutput<typeof ConnectionSchema>;
/** A job. */
export type Job = v.InferOutput<typeof JobSchema>;
/** An attempt. */
export type Attempt = v.InferOutput<typeof AttemptSchema>;
/** A failure reason. */
export type FailureReason = v.InferOutput<typeof FailureReasonSchema>;
/** A job with its attempts (flattened from JobInfoRead and JobReadList). */
export interface JobWithAttempts {
  job: Job;
  attempts: Attempt[];
}
/** A connection's sync status. */
export type ConnectionStatus = v.InferOutput<typeof ConnectionStatusListSchema>[number];
