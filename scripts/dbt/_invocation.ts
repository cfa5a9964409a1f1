// What the CLI port and the worker do alike around one dbt invocation: its
// environment and the shared partial-parse file.
import { copyFile, mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { DbtInvocation, DbtProcessResult } from "./dbt-cli.ts";

/**
 * The environment dbt runs with: the base one (unset names dropped), usage stats and
 * colours off, then the invocation's own variables.
 *
 * @param base The base environment.
 * @param invocation The invocation (its `env` wins).
 * @returns The whole environment.
 */
export function dbtEnvironment(base: Readonly<Record<string, string | undefined>>, invocation: Pick<DbtInvocation, "env">): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, val] of Object.entries(base)) if (val !== undefined) env[k] = val;
  return Object.assign(env, { DBT_SEND_ANONYMOUS_USAGE_STATS: "false", DBT_USE_COLORS: "false", NO_COLOR: "1" }, invocation.env ?? {});
}

/**
 * Runs one invocation with its `partialParse` honoured: dbt reads the shared file
 * (when it exists) and the step's fresh one is copied back to it.
 *
 * @param invocation The invocation.
 * @param run Runs dbt with the final arguments.
 * @returns What `run` returned.
 */
export async function withPartialParse(invocation: DbtInvocation, run: (args: string[]) => Promise<DbtProcessResult>): Promise<DbtProcessResult> {
  const args = [...invocation.args];
  const pp = invocation.partialParse;
  if (pp !== undefined && await exists(pp.shared)) args.push("--partial-parse-file-path", pp.shared);
  const result = await run(args);
  if (pp !== undefined) {
    const fresh = join(pp.targetPath, "partial_parse.msgpack");
    if (await exists(fresh)) {
      await mkdir(dirname(pp.shared), { recursive: true });
      await copyFile(fresh, pp.shared);
    }
  }
  return result;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
