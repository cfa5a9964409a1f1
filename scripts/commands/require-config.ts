import type { CommandContext } from "../cli/command.ts";
import { type AdopsConfig, formatProblem, loadConfig } from "../config/mod.ts";
import { ConfigError } from "../core/mod.ts";
import { loadContractsFor } from "./connector-contracts.ts";

/**
 * Loads the config for a command, or throws a {@link ConfigError} listing the
 * problems. Warnings are logged. The values of the secret env vars config
 * names are registered with the redactor. With `contracts`, the templates are
 * also checked against the vendored connector contracts (plan and provision:
 * nothing reaches Airbyte from a configuration its connector would refuse).
 *
 * @param ctx The command context.
 * @param options Production mode, and whether to run the connector-contract check.
 * @returns The config.
 * @throws {ConfigError} When any error is found (exit 1).
 */
export async function requireConfig(ctx: CommandContext, options: { production?: boolean; contracts?: boolean } = {}): Promise<AdopsConfig> {
  const contracts = options.contracts ? await loadContractsFor(ctx, { production: options.production ?? false }) : { contracts: undefined, problems: [] };
  const result = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env, production: options.production ?? false, contracts: contracts.contracts });
  const problems = [...result.problems, ...contracts.problems];
  const errors = problems.filter((p) => p.level === "error");
  for (const p of problems) if (p.level === "warning") ctx.log.debug(formatProblem(p));
  if (!result.ok || errors.length > 0) {
    const shown = errors.slice(0, 10).map(formatProblem).join("\n");
    throw new ConfigError(
      `Configuration in '${ctx.configDir}' has ${errors.length} error(s):\n${shown}${errors.length > 10 ? `\n… and ${errors.length - 10} more` : ""}`,
      { hint: "Run 'adops validate' for the full list" },
    );
  }
  for (const name of result.config.secretEnvNames) {
    const value = ctx.env[name];
    if (value) ctx.redactor.add(value);
  }
  return result.config;
}
