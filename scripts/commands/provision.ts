import { provisionCommandCore } from "./provision-body.ts";
import { defineCommand } from "../cli/command.ts";

/** `adops provision`: create and update every tenant's sources and connections in Airbyte. */
export const provisionCommand = defineCommand({
  name: "provision",
  summary: "Create and update every tenant's Airbyte sources and connections from config/",
  description: [
    "Plans like 'adops plan', then applies: sources created or updated from templates (secrets from env),",
    "checked, schemas discovered; connections created or patched with the tenant's destination, namespace,",
    "prefix, status and schedule (cron as Quartz in the tenant's time zone, intervals as basic).",
    "A second run with unchanged config makes no write. Recreates need --allow-recreate, deletes --prune.",
    "Ctrl-C/SIGTERM starts no further write, finishes the ones in flight, reports every write made and exits 130.",
    "Exit codes: 0 ok, 1 config error, 2 some tenants failed, 3 all failed, 130 interrupted.",
  ].join("\n"),
  examples: ["adops provision", "adops provision --tenant acme-retail", "adops provision --dry-run"],
  options: {
    tenant: { type: "string", multiple: true, valueName: "<slug>", description: "Only this tenant" },
    concurrency: { type: "string", valueName: "<n>", description: "Tenants applied at once (default: platform.yml airbyte.concurrency)" },
    "allow-recreate": { type: "boolean", description: "Allow recreating connections whose source or destination changes (resets sync state)" },
    prune: { type: "boolean", description: "Delete connections adops manages that config no longer has" },
    "dry-run": { type: "boolean", description: "Only plan (same as 'adops plan')" },
  },
  run(ctx, { values }) {
    return provisionCommandCore(ctx, { tenant: values.tenant, concurrency: values.concurrency, "allow-recreate": values["allow-recreate"], prune: values.prune, apply: !values["dry-run"] });
  },
});
