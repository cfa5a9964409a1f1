import * as v from "valibot";

/**
 * One row of an `adops report` run: a day rolled up (`rollup`), a file
 * committed (`commit`) or a tenant's page of the status site (`site`);
 * `status` writes no rows.
 */
export const ReportCommandRowSchema = v.variant("status", [
  v.object({
    day: v.pipe(v.string(), v.regex(/^\d{4}\/\d{2}\/\d{2}$/), v.description("The daily folder rolled up, YYYY/MM/DD")),
    status: v.literal("rolled_up"),
  }),
  v.object({
    path: v.pipe(v.string(), v.description("The file committed, from the repository root")),
    status: v.literal("committed"),
  }),
  v.object({
    tenant: v.pipe(v.string(), v.description("Tenant slug")),
    path: v.pipe(v.string(), v.description("The tenant's page of the status site")),
    health: v.pipe(v.nullable(v.string()), v.description("The health status word the page shows; null before any health run")),
    status: v.literal("page_written"),
  }),
]);

/** One row of an `adops report` run. */
export type ReportCommandRow = v.InferOutput<typeof ReportCommandRowSchema>;
