import assert from "node:assert/strict";
import { test } from "node:test";
import { startGithubStandin } from "./github-standin.ts";

test("startGithubStandin() answers like GitHub: contents, 401, and 422 on a non-fast-forward ref update", async () => {
  const gh = await startGithubStandin({ token: "standin-token" });
  try {
    const first = gh.seed("main", { "reports/a.json": "{}\n" });
    const auth = { authorization: "Bearer standin-token", "content-type": "application/json" };
    const base = `${gh.apiUrl}/repos/${gh.repository}`;

    const content = await (await fetch(`${base}/contents/reports/a.json?ref=main`, { headers: auth })).json();
    assert.equal(atob(content.content), "{}\n");
    const dir = await (await fetch(`${base}/contents/reports?ref=main`, { headers: auth })).json();
    assert.deepEqual(dir, [{ type: "file", name: "a.json", path: "reports/a.json" }]);
    assert.equal((await fetch(`${base}/contents/nope?ref=main`, { headers: auth })).status, 404);
    assert.equal((await fetch(`${base}/git/ref/heads/main`)).status, 401);

    gh.seed("main", { "b.txt": "b" });
    const tree = (await (await fetch(`${base}/git/trees`, { method: "POST", headers: auth, body: JSON.stringify({ tree: [{ path: "c.txt", mode: "100644", type: "blob", content: "c" }] }) })).json()).sha;
    const stale = (await (await fetch(`${base}/git/commits`, { method: "POST", headers: auth, body: JSON.stringify({ message: "x", tree, parents: [first] }) })).json()).sha;
    const refused = await fetch(`${base}/git/refs/heads/main`, { method: "PATCH", headers: auth, body: JSON.stringify({ sha: stale, force: false }) });
    assert.equal(refused.status, 422);
    assert.equal((await refused.json()).message, "Update is not a fast forward");
    const forced = await fetch(`${base}/git/refs/heads/main`, { method: "PATCH", headers: auth, body: JSON.stringify({ sha: stale, force: true }) });
    assert.equal(forced.status, 200);
    assert.deepEqual(gh.listFiles("main"), ["c.txt"]);
    assert.equal(gh.stats.rejectedUpdates, 1);
  } finally {
    await gh.close();
  }
});
