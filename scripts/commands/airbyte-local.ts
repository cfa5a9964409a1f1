import { randomBytes } from "node:crypto";
import { defineCommand } from "../cli/command.ts";
import { ConfigError, UsageError } from "../core/mod.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { requireConfig } from "./require-config.ts";
import { type FaultConfig, parseFaultFile, type StandinAuth, startLocalAirbyte } from "../standins/airbyte/mod.ts";
import { LOCAL_ENV_FILE, type LocalAuth, localAirbyteEnv, renderEnvFile } from "./airbyte-local-env.ts";

function localAuth(values: { auth?: string | undefined; token?: string | undefined; "client-id"?: string | undefined; "client-secret"?: string | undefined }): LocalAuth {
  const random = () => randomBytes(16).toString("hex");
  if (values.auth === "bearer") return { mode: "bearer", token: values.token ?? `local-${random()}` };
  if (values.auth === "client-credentials") return { mode: "client-credentials", clientId: values["client-id"] ?? `local-${random().slice(0, 12)}`, clientSecret: values["client-secret"] ?? random() };
  return { mode: "none" };
}

function standinAuth(auth: LocalAuth): StandinAuth | undefined {
  if (auth.mode === "bearer") return { tokens: [auth.token] };
  if (auth.mode === "client-credentials") return { clientId: auth.clientId, clientSecret: auth.clientSecret };
  return undefined;
}

/** `adops airbyte-local`: the local Airbyte stand-in, seeded from config/, until interrupted. */
export const airbyteLocalCommand = defineCommand({
  name: "airbyte-local",
  summary: "Start the local Airbyte stand-in on 127.0.0.1, seeded from config/",
  description: [
    "Serves the Config API subset adops uses (/api/v1), behaving like Airbyte 1.8, with the workspaces,",
    "destinations, source definitions and template connections config/ names. Point the CLI at it with",
    "AIRBYTE_BASE_URL=http://127.0.0.1:<port> (platform.yml defaults to port 8000). Runs until Ctrl-C or SIGTERM, then exits 130.",
    "Source configurations must pass the connectors' real specs (schemas/connectors/). With --auth, every call",
    "but applications/token needs 'Authorization: Bearer'. Writes .adops/airbyte-local.env (URL, auth, a dummy",
    "value for every template secret) and prints the command that uses it.",
  ].join("\n"),
  examples: ["adops airbyte-local --port 8000", "adops airbyte-local --time-scale 60 --state .adops/airbyte.json --contract-check", "adops airbyte-local --faults faults.yml", "adops airbyte-local --auth client-credentials"],
  options: {
    port: { type: "string", valueName: "<port>", description: "Port on 127.0.0.1", default: "8000" },
    state: { type: "string", valueName: "<file>", description: "Keep state in this JSON file across restarts" },
    "time-scale": { type: "string", valueName: "<x>", description: "Run jobs this many times faster", default: "1" },
    "latency-ms": { type: "string", valueName: "<ms>", description: "Latency added to every request", default: "0" },
    "contract-check": { type: "boolean", description: "Validate every request and response against Airbyte 1.8's config.yaml" },
    faults: { type: "string", valueName: "<file>", description: "Inject faults from a YAML/JSON file (request errors, drops, 429s, hanging or failing jobs, failing checks; see README)" },
    auth: { type: "string", valueName: "<mode>", choices: ["none", "bearer", "client-credentials"], default: "none", description: "Authentication to enforce" },
    token: { type: "string", valueName: "<token>", description: "The bearer token to accept with --auth bearer (default: a random one)" },
    "client-id": { type: "string", valueName: "<id>", description: "The client id applications/token accepts with --auth client-credentials (default: random)" },
    "client-secret": { type: "string", valueName: "<secret>", description: "Its client secret (default: random)" },
  },
  async run(ctx, { values }) {
    const port = Number(values.port);
    const timeScale = Number(values["time-scale"]);
    const latencyMs = Number(values["latency-ms"]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Invalid --port '${values.port}'`);
    if (!(timeScale > 0)) throw new UsageError(`Invalid --time-scale '${values["time-scale"]}'`, "Use a positive number");
    if (!(latencyMs >= 0)) throw new UsageError(`Invalid --latency-ms '${values["latency-ms"]}'`);
    let faults: FaultConfig = {};
    if (values.faults !== undefined) {
      const text = await ctx.files.tryReadText(values.faults);
      if (text === undefined) throw new UsageError(`Fault file '${values.faults}' does not exist`);
      const parsed = parseFaultFile(text);
      if (!parsed.ok) throw new ConfigError(`Fault file '${values.faults}' is not valid:\n${parsed.issues.join("\n")}`, { hint: "See 'Fault injection' in README.md for the rules" });
      faults = parsed.value;
    }
    const config = await requireConfig(ctx);
    const auth = localAuth(values);
    const enforced = standinAuth(auth);
    const airbyte = await startLocalAirbyte({
      port,
      seed: config,
      env: ctx.env,
      contractCheck: values["contract-check"],
      timeScale,
      faults: { ...faults, latencyMs: latencyMs || faults.latencyMs || 0 },
      ...(values.state ? { statePath: values.state } : {}),
      ...(enforced !== undefined ? { auth: enforced } : {}),
      log: (line) => ctx.log.debug(line),
    });
    const s = airbyte.state;
    ctx.out(`Local Airbyte listening on ${airbyte.url} (Config API at ${airbyte.url}/api/v1)`);
    ctx.out(`Seeded: ${Object.keys(s.workspaces).length} workspaces, ${Object.keys(s.destinations).length} destinations, ${Object.keys(s.sourceDefinitions).length} source definitions, ${Object.keys(s.connections).length} connections`);
    const env = localAirbyteEnv(config, { url: airbyte.url, auth });
    await ctx.files.writeText(LOCAL_ENV_FILE, renderEnvFile(env, [
      `Written by 'adops airbyte-local' for the local Airbyte at ${airbyte.url}: its URL and auth, and a dummy`,
      "value it accepts for every template secret. Not real secrets; variables already set in the shell win.",
    ]));
    ctx.out(`Auth: ${auth.mode}${auth.mode === "none" ? "" : ` (credentials in ${LOCAL_ENV_FILE})`}; environment for adops written to ${LOCAL_ENV_FILE}`);
    const configFlag = ctx.configDir === "config" ? "" : ` --config ${ctx.configDir}`;
    ctx.out(`Use it: node --env-file=${LOCAL_ENV_FILE} scripts/bin/adops.mjs plan${configFlag}   (Ctrl-C stops)`);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await airbyte.close();
    ctx.out(`Stopped; served ${Object.values(airbyte.calls).reduce((a, b) => a + b, 0)} requests`);
    // Like every command, stopped by a signal is 130.
    return { exitCode: ExitCode.interrupted, json: { url: airbyte.url, auth: auth.mode, env_file: LOCAL_ENV_FILE, calls: airbyte.calls, writes: airbyte.writes(), contract_issues: airbyte.contractIssues.length } };
  },
});
