// Runs the committed bundle (dist/index.js) the way the runner does: inputs as
// INPUT_* env vars, outputs into $GITHUB_OUTPUT, against the local GitHub API
// stand-in. Four jobs at once, each its own process (real backoff sleeps, so
// few; the ten-run race is proven in-process by commit-reports.test.ts).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { renderReportJson, reportPath } from "../../scripts/report/mod.ts";
import { makeRunReport } from "../../scripts/report/testing.ts";
import { type GithubStandin, startGithubStandin } from "../../scripts/standins/github/mod.ts";

const TOKEN = "ghs_canary_action_0004";
const JOBS = 4;
const ENTRY = new URL("./dist/index.js", import.meta.url).pathname;

function runAction(cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Async on purpose: the stand-in serves from this process's event loop.
    execFile("node", [ENTRY], { cwd, env: { PATH: (globalThis as { process?: { env: Record<string, string> } }).process?.env.PATH ?? "", ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("actions/commit-reports", () => {
  let gh: GithubStandin;
  let root: string;
  before(async () => {
    gh = await startGithubStandin({ token: TOKEN });
    root = await mkdtemp(join(tmpdir(), "adops-action-"));
  });
  after(async () => {
    await gh.close();
    await rm(root, { recursive: true, force: true });
  });

  test("commit-reports lands concurrent jobs as one commit each with every report", async () => {
    gh.seed("main", { "README.md": "adops\n" });
    const before = gh.log("main").length;
    const jobs = await Promise.all(Array.from({ length: JOBS }, async (_, i) => {
      const ws = join(root, `job-${i}`);
      const report = makeRunReport({ run_id: `gh-${500 + i}-1`, rows: [{ tenant: `t${i}`, status: "succeeded" }] });
      const path = reportPath("reports", report);
      await mkdir(join(ws, path, ".."), { recursive: true });
      await writeFile(join(ws, path), renderReportJson(report));
      await writeFile(join(ws, "out"), "");
      await writeFile(join(ws, "summary.md"), "");
      return { ws, path };
    }));
    const results = await Promise.all(jobs.map((job, i) =>
      runAction(job.ws, {
        GITHUB_ACTIONS: "true", GITHUB_REPOSITORY: gh.repository, GITHUB_API_URL: gh.apiUrl, GITHUB_OUTPUT: join(job.ws, "out"),
        GITHUB_STEP_SUMMARY: join(job.ws, "summary.md"), GITHUB_RUN_ID: String(900 + i), GITHUB_RUN_ATTEMPT: "1", GITHUB_EVENT_NAME: "schedule",
        GITHUB_REF: "refs/heads/main", GITHUB_REF_NAME: "main", INPUT_TOKEN: TOKEN, INPUT_DIR: "reports", INPUT_RETENTION_DAYS: "30",
        INPUT_BRANCH: "", INPUT_MESSAGE: "", INPUT_INCLUDE: "", INPUT_INCIDENTS: "reports/state/incidents.json", INPUT_MAX_ATTEMPTS: "20",
      })
    ));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const files = gh.listFiles("main");
    for (const job of jobs) assert.ok(files.includes(job.path), `${job.path} lost`);
    assert.equal(gh.log("main").length - before, JOBS, "one commit per job");
    for (const [i, job] of jobs.entries()) {
      const out = await readFile(join(job.ws, "out"), "utf8");
      assert.match(out, /^sha<<ghadelimiter_[\w-]+\n[0-9a-f]{40}\n/m, `job ${i} has no sha output`);
      const all = out + (await readFile(join(job.ws, "summary.md"), "utf8")) + results[i]?.stdout + results[i]?.stderr;
      assert.ok(!all.includes(TOKEN), "the token leaked");
    }
  });
});
