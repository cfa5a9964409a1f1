import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createFakeClock } from "../core/testing.ts";
import { startGithubStandin, type GithubStandin } from "../standins/github/mod.ts";
import { CommitConflictError, commitFiles } from "./commit-files.ts";
import { createOctokitGitDataApi } from "./octokit-git-data-api.ts";

const TOKEN = "ghs_canary_commit_files_0001";

describe("commitFiles()", () => {
  let gh: GithubStandin;
  before(async () => {
    gh = await startGithubStandin({ token: TOKEN });
  });
  after(() => gh.close());

  function api() {
    return createOctokitGitDataApi({ token: TOKEN, repository: gh.repository, apiUrl: gh.apiUrl });
  }

  test("commitFiles() lands ten concurrent runs as ten commits with every file present", async () => {
    gh.seed("race", { "README.md": "hi\n" });
    const before = gh.log("race").length;
    const rejectedBefore = gh.stats.rejectedUpdates;
    const clock = createFakeClock();
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      commitFiles(api(), {
        branch: "race",
        message: `Reports of run ${i}`,
        clock,
        random,
        build: () => Promise.resolve([{ path: `reports/2026/11/23/run-${i}-sync.json`, content: `{"run":${i}}\n` }]),
      })
    ));
    const files = gh.listFiles("race");
    for (let i = 0; i < 10; i++) assert.ok(files.includes(`reports/2026/11/23/run-${i}-sync.json`), `run ${i} lost`);
    const log = gh.log("race");
    assert.equal(log.length - before, 10, "one commit per run");
    for (let i = 0; i < 10; i++) assert.equal(log.filter((c) => c.message === `Reports of run ${i}`).length, 1);
    const retries = results.reduce((n, r) => n + r.attempts - 1, 0);
    assert.equal(retries, gh.stats.rejectedUpdates - rejectedBefore, "every lost race was retried");
    assert.ok(retries > 0, "the runs raced");
  });

  test("commitFiles() retries the whole read-modify-write after a 422 and keeps the other pusher's file", async () => {
    gh.seed("moved", { "README.md": "hi\n" });
    gh.moveBranchBeforeNextUpdates(2);
    const retries: number[] = [];
    const result = await commitFiles(api(), {
      branch: "moved",
      message: "Add a",
      clock: createFakeClock(),
      random: () => 0.5,
      baseDelayMs: 100,
      onRetry: (s) => retries.push(s.delayMs),
      build: (base) => Promise.resolve([{ path: "a.txt", content: `files before: ${base.files.size}\n` }]),
    });
    assert.equal(result.attempts, 3);
    assert.deepEqual(retries, [50, 100]);
    assert.equal(gh.readFile("moved", "a.txt"), "files before: 3\n");
    assert.ok(gh.listFiles("moved").includes(".standin/foreign-2.txt"));
  });

  test("commitFiles() throws CommitConflictError when every attempt loses", async () => {
    gh.seed("busy", { "README.md": "hi\n" });
    gh.moveBranchBeforeNextUpdates(3);
    await assert.rejects(
      commitFiles(api(), { branch: "busy", message: "x", clock: createFakeClock(), maxAttempts: 3, build: () => Promise.resolve([{ path: "x", content: "x" }]) }),
      (e: unknown) => e instanceof CommitConflictError && e.attempts === 3,
    );
    gh.moveBranchBeforeNextUpdates(0);
  });

  test("commitFiles() makes no commit when nothing changes and deletes files", async () => {
    gh.seed("same", { "a.txt": "a\n", "old/b.txt": "b\n" });
    const count = gh.log("same").length;
    const same = await commitFiles(api(), { branch: "same", message: "x", clock: createFakeClock(), build: () => Promise.resolve([{ path: "a.txt", content: "a\n" }, { path: "gone", content: null }]) });
    assert.equal(same.sha, undefined);
    assert.equal(gh.log("same").length, count);
    const del = await commitFiles(api(), { branch: "same", message: "Delete", clock: createFakeClock(), build: () => Promise.resolve([{ path: "old/b.txt", content: null }]) });
    assert.deepEqual(del.changed, ["old/b.txt"]);
    assert.deepEqual(gh.listFiles("same"), ["a.txt"]);
  });

  test("commitFiles() reports a wrong token as a GithubApiError without the token", async () => {
    const bad = createOctokitGitDataApi({ token: "wrong-token", repository: gh.repository, apiUrl: gh.apiUrl });
    await assert.rejects(commitFiles(bad, { branch: "same", message: "x", clock: createFakeClock(), build: () => Promise.resolve([]) }), (e: unknown) => {
      assert.ok(e instanceof Error && e.name === "GithubApiError" && /401 Bad credentials/.test(e.message), String(e));
      assert.ok(!e.message.includes(TOKEN));
      return true;
    });
  });
});
