import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createFakeClock } from "../core/testing.ts";
import { type GithubStandin, startGithubStandin } from "../standins/github/mod.ts";
import { commitReports } from "./commit-reports.ts";
import { readCommitSettings } from "./commit-settings.ts";
import { createOctokitGitDataApi } from "../commit/mod.ts";
import { renderReportJson } from "./render-json.ts";
import { reportPath } from "./run-report.ts";
import { makeRunReport } from "./testing.ts";

const TOKEN = "ghs_canary_commit_reports_0002";

function runFile(i: number, overrides: Parameters<typeof makeRunReport>[0] = {}) {
  const report = makeRunReport({
    run_id: `gh-${1000 + i}-1`,
    ended_at: `2026-11-23T11:${String(10 + i).padStart(2, "0")}:00.000Z`,
    rows: [{ tenant: `tenant-${i}`, connection: "meta_metrics", status: i % 3 === 0 ? "failed" : "succeeded" }],
    ...overrides,
  });
  return { path: reportPath("reports", report), text: renderReportJson(report), report };
}

describe("commitReports()", () => {
  let gh: GithubStandin;
  before(async () => {
    gh = await startGithubStandin({ token: TOKEN });
  });
  after(() => gh.close());
  const api = () => createOctokitGitDataApi({ token: TOKEN, repository: gh.repository, apiUrl: gh.apiUrl });

  test("commitReports() lands ten concurrent runs: one commit each, every report, latest and status complete", async () => {
    gh.seed("main", { "README.md": "adops\n" });
    const start = gh.log("main").length;
    const rejected = gh.stats.rejectedUpdates;
    const clock = createFakeClock({ start: Date.UTC(2026, 10, 23, 12) });
    let seed = 42;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const runs = Array.from({ length: 10 }, (_, i) => runFile(i, i >= 7 ? { command: "health", rows: [{ tenant: `tenant-${i}`, check: "airbyte", status: "stale" }] } : {}));
    const results = await Promise.all(runs.map((r) => commitReports(api(), { reports: [{ path: r.path, text: r.text }], branch: "main", clock, random })));

    const files = gh.listFiles("main");
    for (const r of runs) assert.equal(gh.readFile("main", r.path), r.text, `${r.path} lost`);
    assert.equal(gh.log("main").length - start, 10, "one commit per run");
    const retries = results.reduce((n, r) => n + r.attempts - 1, 0);
    assert.equal(retries, gh.stats.rejectedUpdates - rejected);
    assert.ok(retries > 0, "the runs raced");
    assert.equal(JSON.parse(gh.readFile("main", "reports/latest/sync.json") ?? "{}").run_id, "gh-1006-1", "newest sync wins");
    assert.equal(JSON.parse(gh.readFile("main", "reports/latest/health.json") ?? "{}").run_id, "gh-1009-1");
    const status = gh.readFile("main", "reports/STATUS.md") ?? "";
    for (let i = 0; i < 10; i++) assert.match(status, new RegExp(`\\| tenant-${i} \\|`), `tenant-${i} missing on STATUS.md`);
    assert.ok(files.includes("reports/status.json"));
    for (const c of gh.log("main").slice(0, 10)) assert.doesNotMatch(c.message, new RegExp(TOKEN));
  });

  test("commitReports() makes no commit when the branch already has the run", async () => {
    gh.seed("again", { "README.md": "adops\n" });
    const r = runFile(1);
    const clock = createFakeClock();
    const first = await commitReports(api(), { reports: [r], branch: "again", clock });
    const second = await commitReports(api(), { reports: [r], branch: "again", clock });
    assert.ok(first.sha);
    assert.equal(second.sha, undefined);
    assert.deepEqual(second.newReports, []);
  });

  test("commitReports() keeps both reports when two jobs of one run wrote the same path", async () => {
    gh.seed("matrix", { "README.md": "adops\n" });
    const clock = createFakeClock();
    const a = runFile(4, { rows: [{ tenant: "acme", status: "succeeded" }] });
    const b = runFile(4, { rows: [{ tenant: "globex", status: "failed" }] });
    assert.equal(a.path, b.path);
    await Promise.all([a, b].map((r) => commitReports(api(), { reports: [r], branch: "matrix", clock })));
    const again = await commitReports(api(), { reports: [b], branch: "matrix", clock });
    assert.equal(again.sha, undefined, "committing a job's reports twice is a no-op");
    const dated = gh.listFiles("matrix").filter((p) => p.startsWith("reports/2026/"));
    assert.equal(dated.length, 2);
    const texts = dated.map((p) => gh.readFile("matrix", p));
    assert.ok(texts.includes(a.text) && texts.includes(b.text));
    const status = gh.readFile("matrix", "reports/STATUS.md") ?? "";
    assert.match(status, /\| acme \|/);
    assert.match(status, /\| globex \|/);
  });

  test("commitReports() shows the incident state it commits on the STATUS.md of the same commit", async () => {
    gh.seed("incidents", { "README.md": "adops\n" });
    const state = {
      schema_version: 1,
      updated_at: "2026-11-23T11:30:00.000Z",
      incidents: [{
        key: "acme/airbyte_sync/meta_metrics", tenant: "acme", check: "airbyte_sync", subject: "meta_metrics", kind: "sync_failed", severity: "critical",
        status: "open", summary: "Meta 190: token expired", since: null, opened_at: "2026-11-23T11:00:00.000Z", last_seen_at: "2026-11-23T11:30:00.000Z",
        bad_runs: 2, runbook: "airbyte-sync-health", details: {},
      }],
    };
    await commitReports(api(), {
      reports: [runFile(5)],
      extraFiles: [{ path: "reports/state/incidents.json", text: `${JSON.stringify(state, null, 2)}\n` }],
      branch: "incidents",
      clock: createFakeClock(),
    });
    const status = gh.readFile("incidents", "reports/STATUS.md") ?? "";
    assert.match(status, /\*\*Open incidents:\*\* 1/);
    assert.match(status, /\| acme \| sync_failed \(meta_metrics\) \| critical \| 2026-11-23 11:00 \| Meta 190: token expired \|/);
    assert.ok(gh.readFile("incidents", "reports/state/incidents.json"));
  });

  test("commitReports() rolls expired days into the month summary in the same commit", async () => {
    const old = runFile(2, { run_id: "gh-old-1", started_at: "2026-10-01T10:00:00.000Z", ended_at: "2026-10-01T10:01:00.000Z", status: "partial", exit_code: 2 });
    gh.seed("roll", { [old.path]: old.text, "reports/2026/10/01/broken-sync.json": "{" });
    const r = runFile(3);
    const result = await commitReports(api(), { reports: [r], branch: "roll", clock: createFakeClock({ start: Date.UTC(2026, 10, 23, 12) }), retentionDays: 30 });
    assert.deepEqual(result.rolledUpDays, ["2026/10/01"]);
    const files = gh.listFiles("roll");
    assert.ok(!files.includes(old.path));
    assert.ok(files.includes("reports/2026/10/01/broken-sync.json"), "unreadable files are kept");
    assert.match(result.problems.join("\n"), /Kept reports\/2026\/10\/01\/broken-sync\.json/);
    const summary = JSON.parse(gh.readFile("roll", "reports/2026/10/summary.json") ?? "{}");
    assert.equal(summary.runs, 1);
    assert.deepEqual(summary.problems.map((p: { run_id: string }) => p.run_id), ["gh-old-1"]);
    assert.equal(gh.log("roll").length, 2, "one commit for reports and rollup");
  });
});

describe("readCommitSettings()", () => {
  test("readCommitSettings() prefers the action input, takes the pushed branch and rejects a bad repository", () => {
    const s = readCommitSettings({ INPUT_TOKEN: "input-token", GITHUB_TOKEN: "env-token", GITHUB_REPOSITORY: "acme/adops", GITHUB_API_URL: "http://127.0.0.1:9/", GITHUB_REF: "refs/heads/dev", GITHUB_REF_NAME: "dev" });
    assert.deepEqual(s, { token: "input-token", repository: "acme/adops", apiUrl: "http://127.0.0.1:9", branch: "dev" });
    assert.equal(readCommitSettings({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "a/b", GITHUB_REF: "refs/pull/3/merge" }).branch, "main");
    assert.equal(readCommitSettings({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "a/b" }, { branch: "reports" }).branch, "reports");
    assert.throws(() => readCommitSettings({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "nope" }), /repository 'nope' is not 'owner\/repo'/);
  });
});
