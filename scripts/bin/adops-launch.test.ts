import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import process from "node:process";
import { test } from "node:test";
import { exitCodeOfChild } from "./pass-signals.mjs";

// The unbuilt CLI (tsx): no bundle is built or shared between tests.
const ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ADOPS_CLI_BUNDLE: "0" };

/** Process ids whose parent is `pid` (ps -A works on Linux and macOS). */
function childrenOf(pid: number | undefined): number[] {
  const out = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  return out.split("\n").map((line) => line.trim().split(/\s+/).map(Number)).filter(([, ppid]) => ppid === pid).map(([p]) => p as number);
}

/** Whether `pid` still runs (an exited process left unreaped, a zombie, does not). */
function running(pid: number): boolean {
  try {
    return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim().startsWith("Z");
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
}

interface Started {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | string>;
}

/** Spawns `command` and resolves once the local Airbyte it starts says where it listens. */
function startAirbyteLocal(command: string, args: string[], options: { detached?: boolean } = {}): Promise<Started> {
  const proc = spawn(command, args, { env: ENV, stdio: ["ignore", "pipe", "pipe"], detached: options.detached ?? false });
  let text = "";
  const exited = new Promise<number | string>((resolve) => proc.on("exit", (code, signal) => resolve(code ?? signal ?? "")));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No 'listening' line within 8 s: ${text}`)), 8_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const url = /listening on (http:\/\/[\d.:]+)/.exec(text)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ proc, url, output: () => text, exited });
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", (chunk: Buffer) => void (text += chunk.toString()));
    void exited.then((code) => reject(new Error(`Exited ${code} before listening: ${text}`)));
  });
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/v1/workspaces/list`, { method: "POST", body: "{}", signal: AbortSignal.timeout(1_000) });
    return false;
  } catch {
    return true;
  }
}

test("exitCodeOfChild() passes a code back, and maps SIGINT and SIGTERM to 130 and other signals to 128 + their number", () => {
  assert.deepEqual([exitCodeOfChild(0, null), exitCodeOfChild(2, null), exitCodeOfChild(null, "SIGTERM"), exitCodeOfChild(null, "SIGINT"), exitCodeOfChild(null, "SIGKILL")], [0, 2, 130, 130, 137]);
});

test("adops-launch.mjs passes SIGTERM on to adops, which stops, and exits 130", { timeout: 15_000 }, async () => {
  // A shell reports the launcher's exit code (Deno's child_process reports the signal sent instead).
  const run = await startAirbyteLocal("sh", ["-c", "node scripts/bin/adops-launch.mjs airbyte-local --port 0; echo \"launcher exited $?\""]);
  const [launcher] = childrenOf(run.proc.pid);
  const [cli] = childrenOf(launcher);
  assert.ok(launcher !== undefined && cli !== undefined && running(cli), "adops runs in a child of the launcher");
  process.kill(launcher, "SIGTERM");
  await run.exited;
  assert.match(run.output(), /launcher exited 130/);
  assert.equal(running(cli), false, "adops is gone");
  assert.ok(await refused(run.url), "nothing listens any more");
  assert.match(run.output(), /Received SIGTERM: stopping/);
  assert.match(run.output(), /Stopped; served/);
});

test("adops-launch.mjs stops adops when npm's shell is killed with SIGTERM and does not pass it on", { timeout: 15_000 }, async () => {
  // npm runs `sh -c "<script>"` and signals the shell; `; exit $?` keeps any sh from exec-ing the launcher.
  const run = await startAirbyteLocal("sh", ["-c", "node scripts/bin/adops-launch.mjs airbyte-local --port 0; exit $?"]);
  const [launcher] = childrenOf(run.proc.pid);
  const [cli] = childrenOf(launcher);
  assert.ok(launcher !== undefined && cli !== undefined && running(cli));
  run.proc.kill("SIGTERM");
  assert.equal(await run.exited, "SIGTERM", "the shell dies of it");
  assert.ok(await until(() => !running(cli) && !running(launcher), 5_000), "adops and the launcher are gone");
  assert.ok(await refused(run.url));
});

test("adops-launch.mjs and adops take one Ctrl-C, which reaches both, as one interrupt and stop cleanly", { timeout: 15_000 }, async () => {
  // A terminal sends SIGINT to the whole foreground process group: the launcher passes it on as well.
  const run = await startAirbyteLocal("node", ["scripts/bin/adops-launch.mjs", "airbyte-local", "--port", "0"], { detached: true });
  const [cli] = childrenOf(run.proc.pid);
  assert.ok(cli !== undefined && running(cli));
  process.kill(-(run.proc.pid as number), "SIGINT");
  await run.exited;
  assert.ok(await until(() => !running(cli), 5_000), "adops is gone");
  // A second interrupt would have quit at once, before the stand-in closed.
  assert.match(run.output(), /Received SIGINT: stopping/);
  assert.match(run.output(), /Stopped; served/);
});

test("npm run adops stops adops on SIGTERM sent to npm (the bin stops itself once npm's shell is gone)", { timeout: 15_000 }, async () => {
  const run = await startAirbyteLocal("npm", ["run", "--silent", "adops", "--", "airbyte-local", "--port", "0"]);
  const [shell] = childrenOf(run.proc.pid);
  const [cli] = childrenOf(shell);
  assert.ok(cli !== undefined && running(cli), "npm -> sh -> adops");
  run.proc.kill("SIGTERM");
  await run.exited;
  assert.ok(await until(() => !running(cli), 5_000), "adops is gone");
  assert.ok(await refused(run.url), "adops stopped serving");
  assert.match(run.output(), /Stopped; served/);
});
