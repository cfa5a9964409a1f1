import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createRedactor } from "../core/mod.ts";
import { createNodeFiles } from "../runtime/files.ts";
import { parseRunReport } from "../report/mod.ts";
import { makeSyncReportRow } from "../report/testing.ts";
import { makeCommandContext } from "./testing.ts";
import { writeRunReport } from "./write-run-report.ts";

const CANARY = "canary-secret-value-7f3a9";

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

describe("writeRunReport()", () => {
  test("writeRunReport() writes atomically: concurrent writers and readers never see a partial file", async () => {
    const root = await mkdtemp(join(tmpdir(), "adops-report-"));
    try {
      const env = { ADOPS_REPORT_DIR: "out", SLACK_WEBHOOK_URL: CANARY };
      const ctx = makeCommandContext({ env, files: createNodeFiles(root), redactor: createRedactor(env) });
      const big = Array.from({ length: 2000 }, (_, i) => makeSyncReportRow({ tenant: `t${i}`, reason: `x${"y".repeat(50)}`, failure_message: i === 7 ? `token ${CANARY}` : null }));
      let done = false;
      let seen = 0;
      const reader = (async () => {
        while (!done) {
          const text = await readFile(join(root, "out/latest/sync.json"), "utf8").catch(() => undefined);
          if (text === undefined) continue;
          seen += 1;
          assert.ok(parseRunReport(text).ok, "a reader saw a partial report");
        }
      })();
      const writes = Array.from({ length: 20 }, (_, i) => {
        return writeRunReport({ ...ctx, runId: `run-${i}` }, { command: "sync", startedAt: ctx.clock.now(), inputs: {}, exitCode: 0, summary: {}, rows: big });
      });
      const written = await Promise.all(writes);
      done = true;
      await reader;
      assert.ok(seen > 0, "the reader read while writers wrote");
      const files = await walk(join(root, "out"));
      assert.equal(files.filter((f) => f.includes(".tmp-")).length, 0, "no temp files left");
      assert.equal(files.length, 21);
      for (const w of written) {
        const text = await readFile(join(root, w.path), "utf8");
        assert.ok(parseRunReport(text).ok);
        assert.ok(!text.includes(CANARY), "secret leaked into the report");
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
