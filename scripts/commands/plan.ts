import { provisionCommandCore } from "./provision-body.ts";
import { defineCommand } from "../cli/command.ts";

/** `adops plan`: what provisioning would change in Airbyte, per tenant (read-only). */
export const planCommand = defineCommand({
  name: "plan",
  summary: "Show what provisioning would change in Airbyte (create/update/unchanged), per tenant",
  description: [
    "Reads what exists in Airbyte (connections, sources, destinations, template connections) and compares it",
    "field by field with config/: create, update (with the fields that change), unchanged, would recreate,",
    "unmanaged. Secrets are compared by keyed fingerprint (ADOPS_FINGERPRINT_KEY), never by value.",
    "Exit codes (Terraform's detailed ones): 0 no changes, 2 changes, 1 errors.",
  ].join("\n"),
  examples: ["adops plan", "adops plan --tenant acme-retail --json"],
  options: {
    tenant: { type: "string", multiple: true, valueName: "<slug>", description: "Only this tenant" },
    concurrency: { type: "string", valueName: "<n>", description: "Tenants read at once (default: platform.yml airbyte.concurrency)" },
    "allow-recreate": { type: "boolean", description: "Plan recreates (new source or destination) as allowed" },
    prune: { type: "boolean", description: "Plan deleting managed connections that config no longer has" },
  },
  run(ctx, { values }) {
    return provisionCommandCore(ctx, { tenant: values.tenant, concurrency: values.concurrency, "allow-recreate": values["allow-recreate"], prune: values.prune, apply: false });
  },
});
