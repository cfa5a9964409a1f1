import type { ValidateFunction } from "ajv";
import type { TemplateConfig } from "../../schemas/mod.ts";
import { checkConnectorConfig } from "./check-connector-config.ts";
import { checkTemplateStreams } from "./check-template-streams.ts";
import { CONNECTOR_FOLDERS, type ConnectorContracts } from "./connector-contracts.ts";
import type { ConfigProblem } from "./problem.ts";
import type { ResolvedTenant } from "./types.ts";
import type { YamlSource } from "./yaml-source.ts";

/** What the connector-contract check covered. */
export interface ContractCheckSummary {
  /** Templates whose connector has a vendored contract. */
  templates: number;
  /** Template × tenant configurations validated against a connector spec. */
  combinations: number;
  /** Templates skipped because their connector has no vendored contract (GA4, Search Console). */
  skipped: string[];
}

/**
 * The connector-contract check of `adops validate` (issue #11): every
 * template whose `source.definition` has a vendored contract gets its
 * `streams` checked against the catalog, and every tenant's substituted
 * configuration (secrets as placeholders) validated against the connector's
 * `connectionSpecification`. Problems carry the template's or the tenant's
 * file:line and the spec's own title/description as the hint; each is
 * reported once however many tenants share it.
 *
 * @param templates The templates with their files.
 * @param tenants The resolved tenants.
 * @param contracts The vendored contracts.
 * @returns The problems and what was checked.
 * @example
 * ```ts ignore
 * const { problems, summary } = await checkConnectorContracts(templateSources, tenants, contracts);
 * ```
 */
export async function checkConnectorContracts(
  templates: readonly { template: TemplateConfig; source: YamlSource }[],
  tenants: readonly ResolvedTenant[],
  contracts: ConnectorContracts,
): Promise<{ problems: ConfigProblem[]; summary: ContractCheckSummary }> {
  // ajv is loaded only when a check runs, not at every command's start.
  const { createAjv } = await import("../../schemas/create-ajv.ts");
  const ajv = createAjv({ verbose: true });
  const validators = new Map<string, ValidateFunction>();
  const problems: ConfigProblem[] = [];
  const summary: ContractCheckSummary = { templates: 0, combinations: 0, skipped: [] };
  for (const { template, source } of templates) {
    const folder = CONNECTOR_FOLDERS[template.source.definition];
    const contract = folder === undefined ? undefined : contracts.get(folder);
    if (contract === undefined) {
      summary.skipped.push(template.name);
      continue;
    }
    summary.templates++;
    problems.push(...checkTemplateStreams(template, source, contract));
    let validate = validators.get(contract.connector);
    if (validate === undefined) {
      validate = ajv.compile(contract.connectionSpecification);
      validators.set(contract.connector, validate);
    }
    for (const tenant of tenants) {
      if (!tenant.connections.some((c) => c.template === template.name)) continue;
      summary.combinations++;
      problems.push(...checkConnectorConfig(validate, { template, source, tenant, contract, definition: template.source.definition }));
    }
  }
  return { problems: mergeRepeats(problems), summary };
}

/**
 * One problem per place and message: a template's problem repeats for every
 * tenant, and a tenant's value can fail in several templates of one connector
 * (`(template 'a', ...)` then becomes `(templates 'a', 'b', ...)`).
 */
function mergeRepeats(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const groups = new Map<string, { problem: ConfigProblem; templates: string[] }>();
  for (const p of problems) {
    const template = /\(template '([^']+)'/.exec(p.message)?.[1];
    const general = p.message.replace(/\(template '[^']+'/, "(template *");
    const key = `${p.code}|${p.position?.file}:${p.position?.line}:${p.position?.column}|${general}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { problem: p, templates: template === undefined ? [] : [template] });
    else if (template !== undefined && !group.templates.includes(template)) group.templates.push(template);
  }
  return [...groups.values()].map(({ problem, templates }) =>
    templates.length < 2 ? problem : { ...problem, message: problem.message.replace(/\(template '[^']+'/, `(templates ${templates.sort().map((t) => `'${t}'`).join(", ")}`) }
  );
}
