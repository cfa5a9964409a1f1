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
