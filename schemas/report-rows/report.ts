import * as v from "valibot";

/** One row of an `adops report` run: a day rolled up (`rollup`) or a file committed (`commit`); `status` writes no rows. */
export const ReportCommandRowSchema = v.variant("status", [
  v.object({
    day: v.pipe(v.string(), v.regex(/^\d{4}\/\d{2}\/\d{2}$/), v.description("The daily folder rolled up, YYYY/MM/DD")),
    status: v.literal("rolled_up"),
  }),
  v.object({
    path: v.pipe(v.string(), v.description("The file committed, from the repository root")),
    status: v.literal("committed"),
  }),
]);

/** One row of an `adops report` run. */
export type ReportCommandRow = v.InferOutput<typeof ReportCommandRowSchema>;
