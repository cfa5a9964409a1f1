import * as v from "valibot";

/** One row of an `adops plan` or `adops provision` report: one managed connection's plan and, when applied, its outcome. */
export const ProvisionReportRowSchema = v.object({
  tenant: v.pipe(v.string(), v.description("Tenant slug")),
  template: v.pipe(v.string(), v.description("Template name")),
  key: v.pipe(v.string(), v.description("The connection's managed key")),
  action: v.pipe(
    v.picklist(["create", "update", "unchanged", "recreate", "error", "recreate_refused"]),
    v.description("What the plan does; `recreate_refused` when a recreate needs --allow-recreate"),
  ),
  connection_id: v.pipe(v.nullable(v.string()), v.description("Airbyte connection id, when it exists")),
  changes: v.pipe(v.array(v.string()), v.description("Changed fields (`source <field>` for the source's)")),
  reasons: v.pipe(v.array(v.string()), v.description("Why the action (recreate, error)")),
  warnings: v.pipe(v.array(v.string()), v.description("Things to know about the plan")),
  status: v.optional(v.pipe(
    v.picklist(["applied", "unchanged", "failed", "blocked", "interrupted", "skipped"]),
    v.description("Apply only: how it ended; `interrupted` when a signal stopped it after some steps, `skipped` when it was not started"),
  )),
  writes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.description("Apply only: Airbyte writes made (before an interrupt too)"))),
  steps: v.optional(v.pipe(v.array(v.string()), v.description("Apply only: what was done, in order"))),
  error: v.optional(v.pipe(v.nullable(v.string()), v.description("Apply only: why it failed"))),
});

/** One row of an `adops plan` or `adops provision` report. */
export type ProvisionReportRow = v.InferOutput<typeof ProvisionReportRowSchema>;
