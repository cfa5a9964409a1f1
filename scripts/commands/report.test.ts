import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parseOptions } from "../cli/args.ts";
import { commonOptions } from "../cli/command.ts";
import { createRedactor } from "../core/mod.ts";
import { parseCommandReport, renderReportJson } from "../report/mod.ts";
import { createMemoryFiles, makeRunReport } from "../report/testing.ts";
import { makeCommandContext } from "./testing.ts";
import { type GithubStandin, startGithubStandin } from "../standins/github/mod.ts";
import { reportCommand } from "./report.ts";

const CANARY = "ghs_canary_report_command_0003";

function run(argv: string[], ctx: ReturnType<typeof makeCommandContext>) {
  const args = parseOptions(argv, { ...reportCommand.options, ...commonOptions });
  return reportCommand.run(ctx, args);
}

describe("adops report", () => {
  let gh: GithubStandin;
  before(async () => {
    gh = await startGithubStandin({ token: CANARY });
  });
  after(() => gh.close());

  test("report render prints a stored report as CSV", async () => {
    const files = createMemoryFiles({ "r.json": renderReportJson(makeRunReport()) });
    const ctx = makeCommandContext({ files });
    const result = await run(["render", "r.json", "--format", "csv"], ctx);
    assert.equal(result.exitCode, 0);
    assert.match(ctx.output.join("\n"), /^run_id,command,tenant,connection,status,records/);
  });

  test("report render refuses a file that is not a run report", async () => {
    const ctx = makeCommandContext({ files: createMemoryFiles({ "x.json": "{}" }) });
    await assert.rejects(run(["render", "x.json"], ctx), /Cannot read report 'x.json'/);
  });

  test("report status rebuilds STATUS.md from latest reports", async () => {
    const files = createMemoryFiles({ "out/latest/sync.json": renderReportJson(makeRunReport()) });
    const ctx = makeCommandContext({ files, env: { ADOPS_REPORT_DIR: "out" } });
    const result = await run(["status", "--config", "no-config"], ctx);
    assert.equal(result.exitCode, 0);
    assert.match(files.data.get("out/STATUS.md") ?? "", /\| acme \| ✅/);
  });

  test("report rollup needs --retention-days and rolls old days up", async () => {
    const old = makeRunReport({ started_at: "2026-01-02T00:00:00.000Z" });
    const files = createMemoryFiles({ "out/2026/01/02/gh-100-1-sync.json": renderReportJson(old) });
    const ctx = makeCommandContext({ files, env: { ADOPS_REPORT_DIR: "out" } });
    await assert.rejects(run(["rollup"], ctx), /Missing --retention-days/);
    await run(["rollup", "--retention-days", "30"], ctx);
    assert.ok(files.data.has("out/2026/01/summary.json"));
    assert.ok(!files.data.has("out/2026/01/02/gh-100-1-sync.json"));
    const typed = parseCommandReport(files.data.get("out/latest/report.json") ?? "");
    assert.ok(typed.ok && typed.value.command === "report", `the rollup's report reads back with the report row schema: ${JSON.stringify(typed)}`);
    assert.deepEqual(typed.value.rows, [{ day: "2026/01/02", status: "rolled_up" }]);
  });

  test("report commit pushes the run's reports through the API and never shows the token", async () => {
    gh.seed("main", { "README.md": "adops\n" });
    const report = makeRunReport({ run_id: "gh-77-1" });
    const files = createMemoryFiles({ "reports/2026/11/23/gh-77-1-sync.json": renderReportJson(report), "reports/latest/orchestrate-execution.json": "{\"steps\":[]}\n" });
    const env = { GITHUB_TOKEN: CANARY, GITHUB_REPOSITORY: gh.repository, GITHUB_API_URL: gh.apiUrl, ADOPS_REPORT_DIR: "reports" };
    const ctx = makeCommandContext({ files, env, redactor: createRedactor(env) });
    const result = await run(["commit", "--branch", "main", "--include", "reports/latest/orchestrate-execution.json", "--config", "no-config"], ctx);
    assert.equal(result.exitCode, 0);
    assert.ok(result.outputs?.sha && /^[0-9a-f]{40}$/.test(result.outputs.sha));
    assert.ok(gh.listFiles("main").includes("reports/2026/11/23/gh-77-1-sync.json"));
    assert.ok(gh.listFiles("main").includes("reports/latest/orchestrate-execution.json"));
    assert.ok(gh.listFiles("main").includes("reports/STATUS.md"));
    const everything = [JSON.stringify(result), ...ctx.output, ...ctx.logs, ...files.data.values()].join("\n");
    assert.ok(!everything.includes(CANARY), "the token leaked");
    const typed = parseCommandReport(files.data.get("reports/latest/report.json") ?? "");
    assert.ok(typed.ok && typed.value.command === "report" && typed.value.rows.every((r) => r.status === "committed"), `the commit's report reads back with the report row schema: ${JSON.stringify(typed)}`);
  });

  test("report commit without a token is a configuration error", async () => {
    const ctx = makeCommandContext({ env: { GITHUB_REPOSITORY: "acme/adops" } });
    await assert.rejects(run(["commit"], ctx), (e: unknown) => (e as { kind?: string }).kind === "config_error" && /GITHUB_TOKEN is not set/.test(String(e)));
  });
});
