import { type Clock, createLogger, createRedactor, createRunScope, isAdopsError, type LogFormat, type Redactor, type Runtime, toWorkflowCommand } from "../core/mod.ts";
import { formatOptions, parseOptions } from "./args.ts";
import { type Command, type CommandContext, type CommandListing, type CommandResult, commonOptions, type GithubEnv, loadCommand } from "./command.ts";
import { ExitCode, exitCodeFor } from "./exit-codes.ts";

/** What a run of the CLI ended with. */
export interface CliOutcome {
  /** The exit code. */
  exitCode: ExitCode;
  /** The command's result, when it ran to the end. */
  result?: CommandResult;
}

function readGithubEnv(env: Runtime["env"]): GithubEnv | undefined {
  if (env.GITHUB_ACTIONS !== "true") return undefined;
  return {
    repository: env.GITHUB_REPOSITORY ?? "",
    eventName: env.GITHUB_EVENT_NAME ?? "",
    actor: env.GITHUB_ACTOR ?? "",
    runId: env.GITHUB_RUN_ID ?? "",
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    stepSummaryPath: env.GITHUB_STEP_SUMMARY || undefined,
    outputPath: env.GITHUB_OUTPUT || undefined,
    job: (env.GITHUB_JOB ?? "").replace(/[^A-Za-z0-9_-]/g, "_"),
  };
}

function makeRunId(clock: Clock, github: GithubEnv | undefined): string {
  // One workflow run has several jobs (and matrix legs): the job id and a short
  // random part keep their reports apart.
  if (github !== undefined && github.runId !== "") {
    return `gh-${github.runId}-${github.runAttempt}-${github.job || "job"}-${Math.random().toString(36).slice(2, 6)}`;
  }
  const stamp = new Date(clock.now()).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

function commandList(commands: readonly CommandListing[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join("\n");
}

function helpFor(command: Command): string {
  const options = { ...command.options, ...commonOptions };
  return [
    `Usage: adops ${command.name}${command.usage ? ` ${command.usage}` : ""} [options]`,
    "",
    command.summary,
    ...(command.description ? ["", command.description] : []),
    "",
    "Options:",
    formatOptions(options),
    ...(command.examples && command.examples.length > 0 ? ["", "Examples:", ...command.examples.map((e) => `  ${e}`)] : []),
    "",
    "Exit codes: 0 ok, 1 configuration error, 2 partial failure, 3 all failed, 4 internal error, 130 interrupted",
    "",
  ].join("\n");
}

/**
 * Runs one `adops` invocation: picks the command, parses its options, runs it,
 * prints its JSON summary, annotations and job summary, and maps errors to exit
 * codes. Never throws.
 *
 * @param runtime What the process provides.
 * @param commands The known commands, or lazy entries (only the one picked is loaded).
 * @returns The exit code and the command's result.
 * @example
 * ```ts ignore
 * import { runCli } from "./run-cli.ts";
 * const { exitCode } = await runCli(runtime, commands);
 * ```
 */
export async function runCli(runtime: Runtime, commands: readonly CommandListing[]): Promise<CliOutcome> {
  const github = readGithubEnv(runtime.env);
  const redactor: Redactor = createRedactor(runtime.env);
  const stdout = (t: string) => runtime.stdout(redactor.redact(t));
  const stderr = (t: string) => runtime.stderr(redactor.redact(t));
  const [name, ...rest] = runtime.argv;

  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    stdout(`Usage: adops <command> [options]\n\nCommands:\n${commandList(commands)}\n\nRun 'adops <command> --help' for a command's options.\n`);
    return { exitCode: name === undefined ? ExitCode.config : ExitCode.ok };
  }
  const listing = commands.find((c) => c.name === name);
  if (listing === undefined) {
    stderr(`error: Unknown command '${name}'\nhint: Run 'adops --help' to list the commands\n`);
    return { exitCode: ExitCode.config };
  }

  let json = false;
  const scope = createRunScope();
  try {
    const command = await loadCommand(listing);
    const options = { ...command.options, ...commonOptions };
    const args = parseOptions(rest, options);
    const values = args.values as Record<string, unknown>;
    if (values.help === true) {
      stdout(helpFor(command));
      return { exitCode: ExitCode.ok };
    }
    json = values.json === true;
    const out = json ? (t: string) => stderr(`${t}\n`) : (t: string) => stdout(`${t}\n`);
    const runId = makeRunId(runtime.clock, github);
    const log = createLogger((line) => stderr(`${line}\n`), {
      format: values["log-format"] as LogFormat,
      level: values.verbose === true ? "debug" : "info",
      now: runtime.clock.now,
      fields: values["log-format"] === "json" ? { correlation_id: runId, command: command.name } : {},
    });
    const ctx: CommandContext = {
      cwd: runtime.cwd,
      env: runtime.env,
      clock: runtime.clock,
      files: runtime.files,
      signal: runtime.signal,
      out,
      log,
      redactor,
      github,
      configDir: String(values.config),
      json,
      runId,
      scope,
    };
    // deno-lint-ignore no-explicit-any
    const result = await command.run(ctx, args as any);
    if (json) stdout(`${JSON.stringify(result.json, null, 2)}\n`);
    if (github !== undefined) {
      for (const annotation of result.annotations ?? []) stdout(`${toWorkflowCommand(annotation)}\n`);
      if (result.summaryMarkdown !== undefined && github.stepSummaryPath !== undefined) {
        await runtime.appendFile(github.stepSummaryPath, redactor.redact(`${result.summaryMarkdown}\n`));
      }
    }
    return { exitCode: result.exitCode, result };
  } catch (error) {
    if (isAdopsError(error)) {
      stderr(`error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`);
      const exitCode = exitCodeFor(error.kind);
      if (json) stdout(`${JSON.stringify({ ok: false, error: { message: error.message, hint: error.hint ?? null, exitCode } }, null, 2)}\n`);
      return { exitCode };
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    stderr(`internal error: ${detail}\nThis is a bug in adops; please report it with the command you ran\n`);
    if (json) stdout(`${JSON.stringify({ ok: false, error: { message: "Internal error", exitCode: ExitCode.internal } }, null, 2)}\n`);
    return { exitCode: ExitCode.internal };
  } finally {
    await scope.close().catch((error: unknown) => stderr(`warning: cannot stop a worker: ${error instanceof Error ? error.message : String(error)}\n`));
  }
}
