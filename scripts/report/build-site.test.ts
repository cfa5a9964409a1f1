import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildSite } from "./build-site.ts";
import { generateReportHistory } from "./testing.ts";

const NOW = Date.UTC(2026, 10, 23, 17);

async function build(options: Parameters<typeof generateReportHistory>[0] = {}) {
  const files = new Map(generateReportHistory({ staleTenant: "globex", ...options }));
  const read = (p: string) => Promise.resolve(files.get(p));
  return { files, site: await buildSite(read, { paths: [...files.keys()], now: NOW, tenants: ["acme", "globex", "initech", "hooli"], chartLibrary: "/* chart */" }) };
}

describe("buildSite()", () => {
  it("buildSite() lists every tenant, config's too, and marks the stale one worst first", async () => {
    const { site } = await build();
    const index = site.files.get("index.html") ?? "";
    const rows = [...index.matchAll(/<tr data-tenant="([^"]+)" data-tone="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(rows.map((r) => r[0]), ["globex", "acme", "hooli", "initech"]);
    assert.equal(rows[0]?.[1], "error");
    const hooli = site.data.tenants.find((t) => t.slug === "hooli");
    assert.equal(hooli?.attainment.airbyte7.ratio, null, "a tenant without runs is listed, unjudged");
    assert.equal(hooli?.health?.shared, true, "only the platform-wide dbt verdict speaks for it");
    const globex = site.data.tenants.find((t) => t.slug === "globex");
    assert.equal(globex?.health?.status, "stale");
    assert.equal(globex?.openIncidents, 1);
    for (const slug of ["acme", "globex", "initech", "hooli"]) assert.ok(site.files.has(`tenants/${slug}.html`), slug);
  });

  it("buildSite() computes attainment from health's verdicts over 7 and 30 days", async () => {
    const { site } = await build({ days: 40 });
    const acme = site.data.tenants.find((t) => t.slug === "acme");
    const a7 = acme?.attainment.airbyte7.ratio ?? 0;
    assert.ok(a7 > 0.85 && a7 < 1, String(a7));
    assert.ok((acme?.attainment.airbyte30.coverage ?? 0) > 0.95);
    assert.equal(acme?.attainment.dbt7.ratio, 1);
    const globex = site.data.tenants.find((t) => t.slug === "globex");
    assert.ok((globex?.attainment.airbyte7.ratio ?? 1) < a7 + 0.05);
  });

  it("buildSite() reads only the days it needs: rolled-up months and older days are not opened", async () => {
    const { files } = await build({ days: 40 });
    const opened: string[] = [];
    const read = (p: string) => {
      opened.push(p);
      return Promise.resolve(files.get(p));
    };
    await buildSite(read, { paths: [...files.keys()], now: NOW, historyDays: 7, chartLibrary: "" });
    const days = new Set(opened.map((p) => p.match(/^reports\/(\d{4}\/\d{2}\/\d{2})\//)?.[1]).filter(Boolean));
    assert.ok(days.size <= 8, [...days].join(","));
    assert.ok(!opened.some((p) => p.endsWith("summary.json")));
  });

  it("buildSite() pages load nothing from elsewhere: scripts, styles and data are files of the site", async () => {
    const { site } = await build({ days: 2 });
    for (const [path, content] of site.files) {
      if (!path.endsWith(".html")) continue;
      assert.doesNotMatch(content, /<(script|link|img)[^>]+(src|href)="(https?:)?\/\//, path);
      assert.match(content, /<script src="(\.\.\/)?assets\/chart\.umd\.min\.js"><\/script>/, path);
    }
    assert.equal(site.files.get("assets/chart.umd.min.js")?.trim(), "/* chart */");
    const tenant = site.files.get("tenants/globex.html") ?? "";
    assert.equal((tenant.match(/<details class="behind">/g) ?? []).length, 4, "a table behind every chart");
    assert.match(tenant, /data-series="4"/, "freshness: three connections and the SLA line");
  });
});
