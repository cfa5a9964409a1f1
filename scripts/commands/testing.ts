import type { CommandContext } from "../cli/command.ts";
import { createLogger, createRedactor } from "../core/mod.ts";
import { createFakeClock } from "../core/testing.ts";
import { createMemoryFiles } from "../report/testing.ts";

/** A command context over memory files and a fake clock; `output` collects `ctx.out` lines. */
export function makeCommandContext(
  overrides: Partial<CommandContext> = {},
): CommandContext & { output: string[]; logs: string[] } {
  const output: string[] = [];
  const logs: string[] = [];
  const env = overrides.env ?? {};
  return {
    cwd: "/repo",
    env,
    clock: createFakeClock({ start: Date.UTC(2026, 10, 23, 12, 0, 0) }),
    files: createMemoryFiles(),
    signal: new AbortController().signal,
    out: (t) => void output.push(t),
    log: createLogger((l) => void logs.push(l), { now: () => 0 }),
    redactor: createRedactor(env),
    github: undefined,
    configDir: "config",
    json: false,
    runId: "20261123T120000Z-test",
    ...overrides,
    output,
    logs,
  };
}
