import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCliForTest } from "../cli/testing.ts";

const TOKEN = "canary-airbyte-token-5d4c3b2a";
let dir = "";
let server: Server;
let requests = 0;
let url = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "adops-trust-"));
  await cp(new URL("../../config", import.meta.url), join(dir, "config"), { recursive: true });
  // A host "a pull request chose": it counts every request it gets.
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const platform = await readFile(join(dir, "config/platform.yml"), "utf8");
  await writeFile(join(dir, "config/platform.yml"), platform.replace(/base_url: .*/, `base_url: ${url}`).replace(/mode: none /, "mode: bearer "));
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe("Airbyte credentials inside GitHub Actions", () => {
  const commands = [["plan"], ["provision"], ["sync"], ["health"], ["dbt", "--steps", "build", "--wait-for-sync"]];
  for (const argv of commands) {
    it(`adops ${argv[0]} refuses to send them to a base_url only platform.yml names`, async () => {
      requests = 0;
      const env = { GITHUB_ACTIONS: "true", AIRBYTE_API_TOKEN: TOKEN, ADOPS_REPORT_DIR: join(dir, "reports"), ADOPS_DBT_BIN: "/nonexistent/dbt" };
      const run = await runCliForTest(argv, { cwd: dir, env });
      assert.equal(run.exitCode, 1, run.stderr);
      assert.match(run.stderr, /Refusing to send Airbyte credentials to 'http:\/\/127\.0\.0\.1:\d+', which only platform\.yml names/);
      assert.match(run.stderr, /set the AIRBYTE_BASE_URL repository \(or environment\) variable/);
      assert.equal(requests, 0, "the host got no request");
      assert.ok(!run.stdout.includes(TOKEN) && !run.stderr.includes(TOKEN));
    });
  }

  it("sends them where AIRBYTE_BASE_URL, set by the repository, says", async () => {
    requests = 0;
    const env = { GITHUB_ACTIONS: "true", AIRBYTE_API_TOKEN: TOKEN, AIRBYTE_BASE_URL: url, ADOPS_REPORT_DIR: join(dir, "reports") };
    const run = await runCliForTest(["plan"], { cwd: dir, env });
    assert.doesNotMatch(run.stderr, /Refusing/);
    assert.ok(requests > 0, "the repository's host is reached");
  });
});
