import { defineCommand } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { formatProblem, loadConfig } from "../config/mod.ts";
import { planCycle } from "../demo/cycle-plan.ts";
import { renderTable } from "../demo/render-table.ts";

/** `adops demo` (`npm start`): the whole scheduled cycle, locally. Grows as each capability lands. */
export const demoCommand = defineCommand({
  name: "demo",
  summary: "Run the whole scheduled cycle locally (stand-ins, DuckDB, real dbt)",
  description: "Validates config/, then shows what the scheduled cycle would do now, per tenant, in each tenant's time zone.",
  examples: ["npm start", "adops demo --json"],
  options: {},
  async run(ctx) {
    ctx.out("== 1. validate config/");
    const loaded = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env });
    const errors = loaded.problems.filter((p) => p.level === "error");
    for (const p of errors) ctx.out(formatProblem(p));
    if (!loaded.ok) return { exitCode: ExitCode.config, json: { ok: false, problems: loaded.problems } };
    const config = loaded.config;
    const warnings = loaded.problems.length;
    ctx.out(`   ${config.tenants.length} tenants, ${config.tenants.reduce((n, t) => n + t.connections.length, 0)} connections, ${warnings} warning(s) (unset secrets are expected locally)`);

    ctx.out("\n== 2. the scheduled cycle, as of now");
    const rows = planCycle(config, ctx.clock.now());
    ctx.out(renderTable(
      ["tenant", "connection", "status", "schedule", "last due (tenant time)", "next (tenant time)"],
      rows.map((r) => [r.tenant, r.connection, r.status, r.schedule, r.lastDue, r.next]),
    ));
    return { exitCode: ExitCode.ok, json: { ok: true, tenants: config.tenants.map((t) => t.slug), cycle: rows } };
  },
});
