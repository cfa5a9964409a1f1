import type { DbtStagingVolume } from "../../schemas/report-rows/dbt.ts";
import type { ResolvedConnection } from "../config/mod.ts";
import type { JobStatus, StreamRecords } from "../sync/mod.ts";
import type { CADENCE_STATUSES, DBT_RUN_STATUSES, HealthCheck, SOURCE_STATUSES, SYNC_CHECK_STATUSES, TRANSFORM_LAG_STATUSES, VOLUME_ANOMALY_STATUSES } from "../../schemas/report-rows/health.ts";

export type { JobStatus, StreamRecords };

/** Why a job failed, from the last attempt's `failureSummary.failures[0]`. */
export interface JobFailure {
  /** `source`, `destination`, `replication`, `airbyte_platform`, ... */
  origin: string | undefined;
  /** `config_error`, `system_error`, `transient_error`, ... */
  type: string | undefined;
  /** Airbyte's external message. */
  message: string | undefined;
}

/** One sync job as the health checks see it (times are epoch ms). */
export interface SyncJob {
  /** Airbyte job id. */
  id: number;
  /** Job status. */
  status: JobStatus;
  /** When the job was created (the schedule or trigger fired). */
  createdAt: number;
  /** When the job reached a terminal status; undefined while it runs. */
  endedAt: number | undefined;
  /** Records committed to the destination, when known. */
  recordsCommitted: number | undefined;
  /** The failure, for failed or cancelled jobs. */
  failure: JobFailure | undefined;
  /** Records committed per stream (the attempts' `streamStats`), when Airbyte gave them. */
  streams?: StreamRecords[] | undefined;
}

/** What a {@link JobHistoryPort} answers for one connection. */
export type JobHistoryResult =
  | { ok: true; connectionId: string; jobs: SyncJob[] }
  | { ok: false; reason: "not_found" | "error"; message: string };

/**
 * Airbyte's sync-job history, per connection. The health evaluators only ever
 * see this interface: the real adapter wraps the Airbyte client, tests pass
 * {@link createFakeJobHistory} from `testing.ts`.
 */
export interface JobHistoryPort {
  /**
   * Sync jobs of `connection`, newest first: every job created at or after
   * `since`, and older ones back to (and including) the newest succeeded job,
   * so the last success is always known when there is one.
   */
  listJobs(connection: ResolvedConnection, options: ListJobsOptions): Promise<JobHistoryResult>;
}

/** Options of {@link JobHistoryPort.listJobs}. */
export interface ListJobsOptions {
  /** Every job created at or after this instant (epoch ms) is returned. */
  since: number;
  /** Aborts the read. */
  signal?: AbortSignal;
  /**
   * Reads at most this many jobs (newest first) to reach `since`, for long
   * histories (the volume anomaly baseline). @default the adapter's own limit
   */
  maxJobs?: number;
}

/** One node result of `run_results.json`. */
export interface DbtNodeResult {
  /** `model.adops.fct_ad_performance`, `test.adops.not_null_…`. */
  uniqueId: string;
  /** dbt's status string (unknown values are kept). */
  status: string;
  /** dbt's message (error text, test summary), when any. */
  message: string | undefined;
}

/** The parts of `run_results.json` the checks use. */
export interface DbtRunResults {
  /** `metadata.generated_at`, epoch ms: when the invocation ended. */
  generatedAt: number;
  /** `metadata.invocation_id`. */
  invocationId: string;
  /** `args.which`: `build`, `run`, `test`, ... (`docs` for docs generate). */
  which: string | undefined;
  /** Executed or skipped nodes. */
  results: DbtNodeResult[];
}

/** One result of `sources.json`. */
export interface DbtSourceResult {
  /** `source.adops.raw_acme_retail.meta_ads_insights`. */
  uniqueId: string;
  /** `pass`, `warn`, `error`, `runtime error`. */
  status: string;
  /** Newest loaded row, epoch ms, when known. */
  maxLoadedAt: number | undefined;
}

/** The parts of `sources.json` the checks use. */
export interface DbtSourceFreshness {
  /** `metadata.generated_at`, epoch ms. */
  generatedAt: number;
  /** One entry per source whose freshness query ran. */
  results: DbtSourceResult[];
}

/** A source of the manifest that has freshness configured. */
export interface DbtManifestSource {
  /** `source.<package>.<source>.<table>`. */
  uniqueId: string;
  /** The source's schema (the tenant's destination namespace for raw tables). */
  schema: string | undefined;
  /** `meta.tenant`, when set. */
  tenant: string | undefined;
}

/** Reading one artifact: the value, or why it is not there. */
export type ArtifactRead<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "missing" | "invalid"; message: string };

/** dbt's artifacts, read from `target/` by the real adapter, from memory in tests. */
export interface DbtArtifactsPort {
  /** `run_results.json` of the latest build/run/test. */
  readRunResults(): Promise<ArtifactRead<DbtRunResults>>;
  /** `sources.json` of the latest `dbt source freshness`. */
  readSourceFreshness(): Promise<ArtifactRead<DbtSourceFreshness>>;
  /** The manifest's sources that have freshness configured. */
  readFreshnessSources(): Promise<ArtifactRead<DbtManifestSource[]>>;
  /** The staging models' daily rows the latest dbt run counted (`staging_volume` of its report); absent: not judged. */
  readStagingVolume?(): Promise<ArtifactRead<DbtStagingSnapshot>>;
}

/** The staging models' daily rows as one dbt run counted them. */
export interface DbtStagingSnapshot {
  /** When the run ended (epoch ms): the day before it, in the tenant's zone, is judged. */
  generatedAt: number;
  /** The run's id. */
  runId: string;
  /** The counted series. */
  volume: DbtStagingVolume;
}

/** How bad a check result is. */
export type Severity = HealthCheck["severity"];

/** Status of one Airbyte connection's freshness check. */
export type SyncStatus = (typeof SYNC_CHECK_STATUSES)[number];

/** Status of the cadence check. */
export type CadenceStatus = (typeof CADENCE_STATUSES)[number];

/** Status of the dbt run check. */
export type DbtRunStatus = (typeof DBT_RUN_STATUSES)[number];

/** Status of one source's freshness (dbt's verdict, plus what dbt leaves out). */
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** Status of one stream's volume anomaly check. */
export type VolumeAnomalyStatus = (typeof VOLUME_ANOMALY_STATUSES)[number];

/** Status of the transform lag check. */
export type TransformLagStatus = (typeof TRANSFORM_LAG_STATUSES)[number];

/** The kinds of check a health run performs; one report row per check and subject. */
export type CheckKind = HealthCheck["check"];

/**
 * One check result: the unit of the health document, of the run report's rows
 * and of alert incidents (keyed by tenant, check and subject). Its schema,
 * `HealthCheckSchema`, is the health report's row schema.
 */
export type { HealthCheck };
