import { type Annotation, UsageError } from "../core/mod.ts";
import { defineCommand } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { type ConfigProblem, explainTenant, formatProblem, loadConfig, type LoadResult, renderValidationSummary } from "../config/mod.ts";
import { loadContractsFor } from "./connector-contracts.ts";

/** `adops validate`: every config file against its schema and the semantic rules, all problems in one run. */
export const validateCommand = defineCommand({
  name: "validate",
  summary: "Check every config file against its schema and the semantic rules",
  description: [
    "Reads platform.yml, orchestrator.yml, templates/*.yml and tenants/*.yml, overlays the seed's",
    "AIRBYTE_TENANTS and AIRBYTE_<SLUG>_* variables, and reports every problem with file:line:col and a hint.",
    "Unset secret env vars are warnings (errors with --production, which also rejects placeholder values).",
    "Every template of a vendored connector (schemas/connectors/) is checked against the connector's own spec",
    "(each tenant's values substituted, secrets as placeholders) and catalog (streams, sync modes, cursors, keys).",
  ].join("\n"),
  examples: [
    "adops validate",
    "adops validate --explain acme-retail",
    "adops validate --production --json",
  ],
  options: {
    explain: { type: "string", valueName: "<tenant>", description: "Show each resolved value of a tenant and where it came from" },
    production: { type: "boolean", description: "Production readiness: unset or placeholder secrets are errors" },
  },
  async run(ctx, { values }) {
    const contracts = await loadContractsFor(ctx, { production: values.production });
    const loaded = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env, production: values.production, contracts: contracts.contracts });
    const result = withProblems(loaded, contracts.problems);
    const errors = result.problems.filter((p) => p.level === "error");
    const warnings = result.problems.filter((p) => p.level === "warning");
    for (const p of result.problems) ctx.out(formatProblem(p));

    let explained: ReturnType<typeof explainTenant> | undefined;
    if (values.explain !== undefined) {
      if (!result.ok) {
        ctx.out(`Cannot explain '${values.explain}': fix the errors above first`);
      } else {
        const tenant = result.config.tenants.find((t) => t.slug === values.explain);
        if (tenant === undefined) {
          throw new UsageError(`Unknown tenant '${values.explain}'`, `Tenants: ${result.config.tenants.map((t) => t.slug).join(", ")}`);
        }
        explained = explainTenant(tenant);
        const width = Math.max(...explained.map((r) => r.key.length)) + 2;
        const valueWidth = Math.min(48, Math.max(...explained.map((r) => r.value.length)) + 2);
        ctx.out(`\nTenant ${tenant.slug} (${tenant.displayName})`);
        for (const row of explained) ctx.out(`  ${row.key.padEnd(width)}${row.value.padEnd(valueWidth)}${row.origin}`);
      }
    }
    const tenants = result.ok ? result.config.tenants.map((t) => t.slug) : [];
    const connections = result.ok ? result.config.tenants.reduce((n, t) => n + t.connections.length, 0) : 0;
    const checked = result.contractCheck;
    if (checked !== undefined) {
      const skipped = checked.skipped.length > 0 ? ` (no vendored contract, not checked: ${checked.skipped.join(", ")})` : "";
      ctx.out(`\nConnector contracts: ${checked.templates} templates' streams checked against their catalogs, ${checked.combinations} template/tenant configurations against their specs${skipped}`);
    }
    ctx.out(
      result.ok
        ? `\nConfig '${ctx.configDir}' is valid: ${tenants.length} tenants, ${connections} connections, ${warnings.length} warning(s)`
        : `\nConfig '${ctx.configDir}' has ${errors.length} error(s) and ${warnings.length} warning(s)`,
    );
    // Errors first (GitHub shows 10 of each level per step); unset secrets, expected on
    // pull requests that run without secrets, fold into one annotation.
    const unset = result.problems.filter((p) => p.code === "missing-secret" && p.level === "warning");
    const annotations: Annotation[] = [...result.problems]
      .filter((p) => !unset.includes(p))
      .sort((a, b) => (a.level === b.level ? 0 : a.level === "error" ? -1 : 1))
      .map((p: ConfigProblem) => ({
        level: p.level,
        title: `adops validate: ${p.code}`,
        message: `${p.message}\nHint: ${p.hint}`,
        ...(p.position ? { position: p.position } : {}),
      }));
    if (unset.length > 0) {
      annotations.push({
        level: "warning",
        title: "adops validate: missing-secret",
        message: `${unset.length} secret env var(s) are not set: ${unset.map((p) => p.message.split(" ")[3]).join(", ")}`,
      });
    }
    return {
      exitCode: result.ok ? ExitCode.ok : ExitCode.config,
      json: {
        ok: result.ok,
        config: ctx.configDir,
        production: values.production,
        errors: errors.length,
        warnings: warnings.length,
        tenants,
        connections,
        problems: result.problems,
        connector_contracts: checked === undefined ? null : { templates: checked.templates, combinations: checked.combinations, skipped: checked.skipped },
        ...(explained ? { explain: { tenant: values.explain, values: explained } } : {}),
      },
      annotations,
      summaryMarkdown: renderValidationSummary(result.problems, { configDir: ctx.configDir, ok: result.ok, tenants: tenants.length }),
      outputs: { valid: String(result.ok), errors: String(errors.length), warnings: String(warnings.length) },
    };
  },
});

/** The load result with more problems (the contracts' own), sorted as loadConfig sorts; an error makes it fail. */
function withProblems(result: LoadResult, more: readonly ConfigProblem[]): LoadResult {
  if (more.length === 0) return result;
  const problems = [...result.problems, ...more];
  if (result.ok && more.some((p) => p.level === "error")) return { ok: false, problems, ...(result.contractCheck ? { contractCheck: result.contractCheck } : {}) };
  return { ...result, problems };
}
