import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../cli/run-cli.ts";
import { runCliForTest } from "../cli/testing.ts";
import { createFakeClock } from "../core/testing.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { parseEnvFile } from "./airbyte-local-env.ts";
import { commands } from "./mod.ts";

let dir = "";

before(async () => {
  // A fresh clone: the shipped config and nothing set in the environment.
  dir = await mkdtemp(join(tmpdir(), "adops-airbyte-local-"));
  await cp(new URL("../../config", import.meta.url), join(dir, "config"), { recursive: true });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts `adops airbyte-local <argv>` in-process; resolves once it printed its next command. */
async function startStandin(argv: string[]) {
  const stop = new AbortController();
  let stdout = "";
  let printed: (line: string) => void = () => {};
  const ready = new Promise<string>((resolve) => (printed = resolve));
  const done = runCli({
    argv: ["airbyte-local", "--port", "0", ...argv],
    env: {},
    cwd: dir,
    stdout: (text) => {
      stdout += text;
      const line = /^Use it: .*$/m.exec(stdout)?.[0];
      if (line !== undefined) printed(line);
    },
    stderr: () => {},
    clock: createFakeClock(),
    files: createNodeFiles(dir),
    appendFile: () => Promise.resolve(),
    signal: stop.signal,
  }, commands);
  const line = await Promise.race([ready, done.then((o) => assert.fail(`airbyte-local ended with ${o.exitCode}: ${stdout}`))]);
  const url = /listening on (\S+)/.exec(stdout)?.[1] ?? "";
  return {
    line,
    url,
    async stop() {
      stop.abort();
      return await done;
    },
  };
}

/** Runs a printed `node --env-file=<file> scripts/bin/adops.mjs <args>` line in-process: the file's variables, the args. */
async function runPrinted(line: string) {
  const match = /^Use it: node --env-file=(\S+) scripts\/bin\/adops\.mjs (.+?)\s+\(Ctrl-C stops\)$/.exec(line);
  assert.ok(match, `Unexpected next command: ${line}`);
  const env = parseEnvFile(await readFile(join(dir, match[1] as string), "utf8"));
  return { env, run: await runCliForTest((match[2] as string).split(" "), { cwd: dir, env }) };
}

describe("adops airbyte-local", () => {
  it("adops airbyte-local prints a next command that works on a fresh clone (plan, then provision against the real specs)", async () => {
    const standin = await startStandin([]);
    try {
      const { env, run } = await runPrinted(standin.line);
      assert.ok(run.exitCode === 0 || run.exitCode === 2, `plan exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /Plan: \d+ to create/);
      assert.match(run.stdout, / 0 in error/);
      const provision = await runCliForTest(["provision"], { cwd: dir, env });
      assert.equal(provision.exitCode, 0, `${provision.stdout}\n${provision.stderr}`);
    } finally {
      assert.equal((await standin.stop()).exitCode, 130, "stopped by its signal, like every command");
    }
  });

  it("adops airbyte-local --auth client-credentials enforces tokens, and its printed command authenticates", async () => {
    const standin = await startStandin(["--auth", "client-credentials"]);
    try {
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${standin.url}/api/v1/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
      assert.equal((await post("source_definitions/list", {})).status, 401);
      const wrong = await post("applications/token", { client_id: "nobody", client_secret: "nothing" });
      assert.equal(wrong.status, 400);
      assert.equal(((await wrong.json()) as { _embedded: { errors: { message: string }[] } })._embedded.errors[0]?.message, "Invalid client id or token");
      const { env, run } = await runPrinted(standin.line);
      assert.equal(env.AIRBYTE_AUTH_MODE, "client_credentials");
      const token = ((await (await post("applications/token", { client_id: env.AIRBYTE_CLIENT_ID, client_secret: env.AIRBYTE_CLIENT_SECRET })).json()) as { access_token: string }).access_token;
      assert.equal((await post("source_definitions/list", {}, { authorization: `Bearer ${token}` })).status, 200);
      assert.ok(run.exitCode === 0 || run.exitCode === 2, `plan exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`);
      assert.doesNotMatch(run.stdout + run.stderr, new RegExp(env.AIRBYTE_CLIENT_SECRET as string));
    } finally {
      await standin.stop();
    }
  });
});
