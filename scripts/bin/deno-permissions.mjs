// The scoped Deno permissions of `npm run adops:deno` (never -A): what adops
// reads, writes, runs and reaches, worked out from the environment and config/.
// Plain JavaScript: it runs before any TypeScript tooling, under Node.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { parse } from "yaml";

/**
 * The host (and port) of a URL, or undefined when it is not one.
 *
 * @param {string | undefined} value
 * @returns {string | undefined}
 */
function hostOf(value) {
  if (!value) return undefined;
  try {
    return new URL(value).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {string} path
 * @returns {any}
 */
function readYaml(path) {
  try {
    return parse(readFileSync(path, "utf8"), { maxAliasCount: 100 }) ?? {};
  } catch {
    return {};
  }
}

/**
 * Deno's permission flags for adops, from the environment and the config folder:
 * - net: loopback (the stand-ins), the Airbyte base URL (AIRBYTE_BASE_URL, else
 *   platform.yml), every Slack webhook that config names by env variable, and the
 *   GitHub API (GITHUB_API_URL, else api.github.com);
 * - write: `.adops`, `reports`, `dbt`, plus the Actions summary and output files,
 *   ADOPS_REPORT_DIR and the warehouse's folder when set;
 * - read, env, run and a few sys calls as the CLI needs them.
 *
 * @param {Record<string, string | undefined>} env The environment.
 * @param {{ configDir?: string }} [options] The config folder (default `config`).
 * @returns {string[]} The flags, `run` first.
 */
export function denoPermissionFlags(env, options = {}) {
  const configDir = options.configDir ?? "config";
  const platform = readYaml(join(configDir, "platform.yml"));
  const hooks = new Set([platform?.slack?.webhook_env ?? "SLACK_WEBHOOK_URL"]);
  const tenantsDir = join(configDir, "tenants");
  if (existsSync(tenantsDir)) {
    for (const name of readdirSync(tenantsDir)) {
      if (!/\.ya?ml$/.test(name)) continue;
      const hook = readYaml(join(tenantsDir, name))?.slack_webhook_env;
      if (typeof hook === "string") hooks.add(hook);
    }
  }
  const net = new Set(["127.0.0.1", "localhost"]);
  for (const host of [
    hostOf(env.AIRBYTE_BASE_URL) ?? hostOf(platform?.airbyte?.base_url),
    ...[...hooks].map((name) => hostOf(env[name])),
    hostOf(env.GITHUB_API_URL) ?? "api.github.com",
  ]) if (host) net.add(host);
  const write = new Set([".adops", "reports", "dbt"]);
  for (const file of [env.GITHUB_STEP_SUMMARY, env.GITHUB_OUTPUT]) if (file) write.add(file);
  if (env.ADOPS_REPORT_DIR) write.add(env.ADOPS_REPORT_DIR);
  if (env.DBT_DUCKDB_PATH) write.add(dirname(isAbsolute(env.DBT_DUCKDB_PATH) ? env.DBT_DUCKDB_PATH : join(".", env.DBT_DUCKDB_PATH)));
  return [
    "run", "--quiet", "--allow-read", `--allow-write=${[...write].join(",")}`, "--allow-env",
    `--allow-net=${[...net].join(",")}`, "--allow-run", "--allow-sys=osRelease,uid,gid,cpus",
  ];
}
