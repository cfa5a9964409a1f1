// adops dbt on a PostgreSQL target whose server refuses connections, with REAL dbt
// (dbt/.venv): exit 1, the host and port named, the password never printed.
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import process from "node:process";
import { after, before, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { freeLoopbackPort } from "../standins/postgres/mod.ts";

const repo = resolve(import.meta.dirname ?? ".", "../..");
const dbtBin = join(repo, "dbt/.venv/bin/dbt");
const hasDbt = await stat(dbtBin).then(() => true, () => false);
const PASSWORD = "canary-pg-password-7c6b5a";
let dir = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-pg-refused-"));
  await cp(join(repo, "config"), join(dir, "config"), { recursive: true });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("adops dbt --target postgres exits 1 naming the host and port that refuse connections, never the password", { skip: hasDbt ? false : "dbt/.venv missing: run node scripts/setup.mjs" }, async () => {
  // A port nothing listens on: bound and released just now.
  const port = await freeLoopbackPort();
  const run = await runCliForTest(["dbt", "--target", "postgres", "--steps", "build"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      ADOPS_DBT_BIN: dbtBin,
      ADOPS_DBT_PROJECT_DIR: join(repo, "dbt"),
      ADOPS_REPORT_DIR: join(dir, "reports"),
      DBT_PG_HOST: "127.0.0.1",
      DBT_PG_PORT: String(port),
      DBT_PG_USER: "adops",
      DBT_PG_PASSWORD: PASSWORD,
      DBT_PG_DATABASE: "analytics",
    },
  });
  const text = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.exitCode, 1, text);
  assert.match(text, new RegExp(`"127\\.0\\.0\\.1", port ${port} failed: Connection refused`));
  assert.ok(!text.includes(PASSWORD), "the password is not printed");
  const report = await readFile(run.result?.outputs?.report_path ?? "", "utf8");
  assert.match(report, /Connection refused/);
  assert.ok(!report.includes(PASSWORD), "the password is not in the report");
});
