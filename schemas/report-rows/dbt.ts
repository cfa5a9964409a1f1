import * as v from "valibot";

/** One row of an `adops dbt` report: one node's outcome in one step. */
export const DbtNodeRowSchema = v.object({
  step: v.pipe(v.string(), v.description("The adops dbt step that ran it: `seed`, `build`, `freshness`, `per-source-1-staging`, ...")),
  unique_id: v.pipe(v.string(), v.description("dbt's unique id, e.g. `model.adops.fct_ad_performance` or `source.adops.raw_acme_retail.meta_ads_insights`")),
  resource_type: v.pipe(v.string(), v.description("`model`, `test`, `seed`, `snapshot`, `source`, ...")),
  name: v.pipe(v.string(), v.description("The node's name (tests without their hash)")),
  status: v.pipe(v.string(), v.description("dbt's status: success, error, fail, pass, warn, skipped, no-op, runtime error, ... (unknown values are kept)")),
  execution_time: v.pipe(v.number(), v.minValue(0), v.description("Seconds dbt spent on the node")),
  failures: v.pipe(v.nullable(v.number()), v.description("Failing rows of a test, when dbt says")),
  message: v.pipe(v.nullable(v.string()), v.description("dbt's message (error text, test summary, or a source's max_loaded_at)")),
});

/** One row of an `adops dbt` report. */
export type DbtNodeRow = v.InferOutput<typeof DbtNodeRowSchema>;

/** One tenant-platform's daily series in {@link DbtStagingVolumeSchema}: dense, one entry per day from `from`. */
export const DbtStagingSeriesSchema = v.object({
  tenant: v.pipe(v.string(), v.description("The tenant slug (`tenant_slug`)")),
  platform: v.pipe(v.string(), v.description("The ad platform (`meta`, `google_ads`, ...)")),
  from: v.pipe(v.string(), v.isoDate(), v.description("The first stat_date with rows; entry i of each array is the day `from` + i (a day with no rows is 0)")),
  source_rows: v.pipe(v.array(v.pipe(v.number(), v.minValue(0))), v.description("Raw rows summed into the day's campaign-days (`sum(source_rows)`)")),
  campaign_days: v.pipe(v.array(v.pipe(v.number(), v.minValue(0))), v.description("Campaign-day rows of the staging models (`count(*)`)")),
});

/**
 * The staging models' daily volume, as `adops dbt` reads it after a build or
 * run that built staging models (`dbt show` on `int_campaign_stats_unioned`,
 * per tenant, platform and stat_date): the report field `staging_volume`.
 * Health judges the `source_rows` series with the volume anomaly detector.
 */
export const DbtStagingVolumeSchema = v.object({
  model: v.pipe(v.string(), v.description("The model counted (`int_campaign_stats_unioned`)")),
  since: v.pipe(v.string(), v.isoDate(), v.description("The first stat_date asked for (the run's UTC day minus the anomaly policy's history days)")),
  series: v.pipe(v.array(DbtStagingSeriesSchema), v.description("One series per tenant and platform with rows since `since`")),
});

/** The staging models' daily volume in a dbt report. */
export type DbtStagingVolume = v.InferOutput<typeof DbtStagingVolumeSchema>;
