import { defineCommand } from "../cli/command.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { formatProblem, loadConfig } from "../config/mod.ts";
import { checkDataContracts, readSourceReads } from "../dbt/mod.ts";
import { loadContractsFor } from "./connector-contracts.ts";

/** `adops data-contracts`: every raw column a dbt staging model reads exists in its connector's stream. */
export const dataContractsCommand = defineCommand({
  name: "data-contracts",
  summary: "Check that every raw column a dbt staging model reads exists in its connector's stream",
  description: [
    "Seed 001's check_data_contracts. Each staging model declares the raw columns it reads in",
    "union_tenant_sources('<platform>', '<stream>', {'<column>': '<type>', ...}); every key must be a column of",
    "that stream in the vendored catalog (schemas/connectors/), named as the destination names it (characters",
    "outside [A-Za-z0-9_] become '_'). Google Ads custom GAQL streams take their columns from the template's query.",
    "A quoted key ('\"AccountId\"') must match case exactly; an unquoted mixed-case one is a warning (Postgres).",
  ].join("\n"),
  examples: ["adops data-contracts", "adops data-contracts --models dbt/models/staging --json"],
  options: {
    models: { type: "string", valueName: "<dir>", description: "The staging models folder (default dbt/models/staging)" },
  },
  async run(ctx, { values }) {
    const dir = values.models ?? "dbt/models/staging";
    const { contracts, problems: contractProblems } = await loadContractsFor(ctx, { production: true });
    // Custom GAQL streams come from the templates; a config that does not load still has its files read.
    const config = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env });
    const templates = config.ok ? [...config.config.templates.values()] : [];
    const read = await readSourceReads(ctx.files, dir);
    const checked = contracts === undefined
      ? { problems: [], summary: { models: 0, reads: 0, columns: 0, found: 0, missing: 0, caseFlagged: 0, typeMismatch: 0 } }
      : checkDataContracts(read.reads, { contracts, templates });
    const problems = [...contractProblems, ...read.problems, ...checked.problems];
    if (!config.ok) problems.push({ level: "warning", code: "config", message: `Config '${ctx.configDir}' does not load: custom GAQL streams are unknown`, hint: "Run 'adops validate'" });
    for (const p of problems) ctx.out(formatProblem(p));
    const s = checked.summary;
    const errors = problems.filter((p) => p.level === "error").length;
    ctx.out(`\nData contracts: ${read.models} models in ${dir}, ${s.reads} raw stream reads, ${s.columns} columns checked against the connectors' catalogs: ${s.found} found, ${s.missing} missing, ${s.caseFlagged} with a case mismatch, ${s.typeMismatch} JSON columns cast to a scalar`);
    if (read.models === 0) ctx.out(`No models under '${dir}'`);
    return {
      exitCode: errors > 0 || read.models === 0 ? ExitCode.config : ExitCode.ok,
      json: { ok: errors === 0 && read.models > 0, models_dir: dir, ...s, models: read.models, errors, problems },
      annotations: problems.map((p) => ({ level: p.level, title: `adops data-contracts: ${p.code}`, message: `${p.message}\nHint: ${p.hint}`, ...(p.position ? { position: p.position } : {}) })),
      outputs: { valid: String(errors === 0), columns: String(s.columns), missing: String(s.missing) },
    };
  },
});
