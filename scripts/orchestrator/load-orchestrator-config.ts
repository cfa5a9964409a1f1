import { type OrchestratorConfig, OrchestratorConfigSchema } from "../../schemas/orchestrator.ts";
import { ConfigError, type Files } from "../core/mod.ts";
import { checkAgainstSchema, checkOrchestrator, formatProblem, parseYamlSource } from "../config/mod.ts";

/**
 * Reads and validates an orchestrator config file (schema, then the config
 * validator's semantic checks: unknown names, cycles, group conflicts).
 *
 * @param files File access.
 * @param path The file, e.g. `config/orchestrator.yml`.
 * @returns The parsed config.
 * @throws {ConfigError} When the file is missing or has errors, listed with file:line.
 * @example
 * ```ts ignore
 * const config = await loadOrchestratorConfig(ctx.files, "config/orchestrator.yml");
 * ```
 */
export async function loadOrchestratorConfig(files: Files, path: string): Promise<OrchestratorConfig> {
  const text = await files.tryReadText(path);
  if (text === undefined) {
    throw new ConfigError(`Orchestrator config '${path}' does not exist`, { hint: "Pass --orchestrator-config <file> or add config/orchestrator.yml" });
  }
  const parsed = parseYamlSource(path, text);
  const problems = parsed.ok ? [] : parsed.problems;
  let config: OrchestratorConfig | undefined;
  if (parsed.ok) {
    const checked = checkAgainstSchema(parsed.source, OrchestratorConfigSchema, "orchestrator.yml");
    problems.push(...checked.problems);
    if (checked.value !== undefined) {
      problems.push(...checkOrchestrator(checked.value, parsed.source));
      config = checked.value;
    }
  }
  const errors = problems.filter((p) => p.level === "error");
  if (errors.length > 0 || config === undefined) {
    throw new ConfigError(`Orchestrator config '${path}' has ${errors.length} error(s):\n${errors.map(formatProblem).join("\n")}`, {
      hint: "Fix the file and run 'adops validate'",
    });
  }
  return config;
}
