import type { CommandContext } from "../cli/command.ts";
import { type AdopsConfig, formatProblem, loadConfig } from "../config/mod.ts";
import { ConfigError } from "../core/mod.ts";

/**
 * Loads the config for a command, or throws a {@link ConfigError} listing the
 * problems. Warnings are logged. The values of the secret env vars config
 * names are registered with the redactor.
 *
 * @param ctx The command context.
 * @param options Production mode.
 * @returns The config.
 * @throws {ConfigError} When any error is found (exit 1).
 */
export async function requireConfig(ctx: CommandContext, options: { production?: boolean } = {}): Promise<AdopsConfig> {
  const result = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env, production: options.production ?? false });
  const errors = result.problems.filter((p) => p.level === "error");
  for (const p of result.problems) if (p.level === "warning") ctx.log.debug(formatProblem(p));
  if (!result.ok) {
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
