import * as v from "valibot";

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** One row of an `adops ops load` report: what the load did to one table of the `ops` schema. */
export const OpsLoadRowSchema = v.object({
  table: v.pipe(v.string(), v.description("The ops table (scripts/ops/ops-tables.ts)")),
  rows: v.pipe(Count, v.description("Rows the load handed over (one per key)")),
  inserted: v.pipe(Count, v.description("Rows of new keys")),
  updated: v.pipe(Count, v.description("Rows that replaced a different stored row of their key")),
  unchanged: v.pipe(Count, v.description("Rows equal to the stored row of their key, left alone")),
  total: v.pipe(v.nullable(Count), v.description("Rows in the table after the load; null when nothing was written")),
});

/** One row of an `adops ops load` report. */
export type OpsLoadRow = v.InferOutput<typeof OpsLoadRowSchema>;
