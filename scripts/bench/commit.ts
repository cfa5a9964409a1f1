// Bench: how many attempts and API requests N concurrent report commits cost
// against the local GitHub stand-in, with the committer's jittered backoff on
// a real clock (delays scaled down 20x: base 25 ms against ~50 ms per attempt here, as 500 ms is against ~1 s per attempt on GitHub) versus no backoff at all (lockstep,
// the worst case). Figures are ratios within this process; no timing asserts.
// Run: node --import tsx scripts/report/bench-commit.ts
import { createSystemClock } from "../runtime/clock.ts";
import { startGithubStandin } from "../standins/github/mod.ts";
import { commitReports, renderReportJson, reportPath } from "../report/mod.ts";
import { createOctokitGitDataApi } from "../commit/mod.ts";
import { makeRunReport } from "../report/testing.ts";

const clock = createSystemClock();
console.log("runs  backoff      attempts  retries  requests  req/run  wall ms  all present");
for (const runs of [1, 5, 10, 20]) {
  for (const mode of ["lockstep", "jitter/20"] as const) {
    const gh = await startGithubStandin({ token: "bench-token" });
    gh.seed("main", { "README.md": "x\n" });
    const t = performance.now();
    const results = await Promise.all(Array.from({ length: runs }, (_, i) => {
      const report = makeRunReport({ run_id: `b-${i}`, rows: [{ tenant: `t${i}`, status: "ok" }] });
      const api = createOctokitGitDataApi({ token: "bench-token", repository: gh.repository, apiUrl: gh.apiUrl });
      return commitReports(api, {
        reports: [{ path: reportPath("reports", report), text: renderReportJson(report) }],
        branch: "main",
        clock,
        maxAttempts: 100,
        baseDelayMs: mode === "lockstep" ? 0 : 25,
      });
    }));
    const wall = performance.now() - t;
    const attempts = results.reduce((n, r) => n + r.attempts, 0);
    const requests = Object.values(gh.stats.requests).reduce((n, c) => n + c, 0);
    const present = Array.from({ length: runs }, (_, i) => gh.listFiles("main").some((p) => p.endsWith(`/b-${i}-sync.json`))).every(Boolean);
    console.log(
      `${String(runs).padStart(4)}  ${mode.padEnd(11)}  ${String(attempts).padStart(8)}  ${String(attempts - runs).padStart(7)}  ${String(requests).padStart(8)}  ${(requests / runs).toFixed(1).padStart(7)}  ${wall.toFixed(0).padStart(7)}  ${present}`,
    );
    await gh.close();
  }
}
