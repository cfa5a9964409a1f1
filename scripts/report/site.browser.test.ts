// The status site in a real browser: headless Chromium (the Debian package,
// driven by playwright-core; no browser is ever downloaded) loads the built
// site from disk and checks what a person sees. Screenshots go to
// .adops/site-screens/. Node only: Deno's run skips it (Node's covers it).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { buildSite } from "./mod.ts";
import { generateReportHistory } from "./testing.ts";

const CHROMIUM = process.env.ADOPS_CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const SCREENS = resolve(".adops/site-screens");
const SITE = resolve(".adops/site-screens/site");
const TENANTS = ["acme", "globex", "initech", "umbrella"];
const STALE = "globex";
const CONNECTIONS = ["meta_metrics", "google_ads_metrics", "microsoft_metrics"];

const underDeno = process.env.ADOPS_TEST_RUNNER === "deno";
const missing = !existsSync(CHROMIUM);
if (missing && !underDeno && process.env.CI === "true") {
  throw new Error(`Chromium not found at '${CHROMIUM}': install the Debian package 'chromium' (node scripts/setup.mjs --ci-tools does it as root)`);
}
const skip = underDeno
  ? "playwright-core drives Chromium under Node; Node's test run covers the site"
  : missing
  ? `Chromium not found at '${CHROMIUM}': install the Debian package 'chromium' (apt-get install -y chromium) to run the browser test`
  : false;

type Context = import("playwright-core").BrowserContext;
type Page = import("playwright-core").Page;

describe("status site in headless Chromium", { skip }, () => {
  let context: Context;
  let profile = "";
  const errors: string[] = [];
  const leaving: string[] = [];

  before(async () => {
    const files = new Map(generateReportHistory({ tenants: TENANTS, staleTenant: STALE, days: 10, connections: CONNECTIONS }));
    const chartLibrary = await readFile("node_modules/chart.js/dist/chart.umd.min.js", "utf8");
    const site = await buildSite((p) => Promise.resolve(files.get(p)), { paths: [...files.keys()], now: Date.UTC(2026, 10, 23, 17), tenants: TENANTS, chartLibrary });
    await rm(SITE, { recursive: true, force: true });
    for (const [path, content] of site.files) {
      await mkdir(dirname(join(SITE, path)), { recursive: true });
      await writeFile(join(SITE, path), content);
    }
    const { chromium } = await import("playwright-core");
    profile = await mkdtemp(join(tmpdir(), "adops-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://")) return route.continue();
      leaving.push(url);
      return route.abort();
    });
  });

  after(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function open(path: string, options: { dark?: boolean; width?: number } = {}): Promise<Page> {
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${path}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("file://")) leaving.push(r.url());
    });
    if (options.width) await page.setViewportSize({ width: options.width, height: 860 });
    await page.emulateMedia({ colorScheme: options.dark ? "dark" : "light" });
    await page.goto(pathToFileURL(join(SITE, path)).href);
    await page.waitForFunction(() => document.documentElement.getAttribute("data-charts-drawn") !== null);
    return page;
  }

  /** Per figure: the series the page says it has, the series Chart.js drew, and the canvas's painted pixels. */
  function charts(page: Page): Promise<{ id: string; expected: number; drawn: number; painted: number }[]> {
    return page.$$eval("figure.chart", (figures) =>
      figures.map((f) => {
        const canvas = f.querySelector("canvas") as HTMLCanvasElement;
        const pixels = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted += 1;
        const chart = (globalThis as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: unknown[] } } | undefined } }).Chart.getChart(canvas);
        return { id: f.id, expected: Number(f.getAttribute("data-series")), drawn: chart?.data.datasets.length ?? -1, painted };
      })
    );
  }

  it("overview lists every tenant and marks the stale one", async () => {
    const page = await open("index.html");
    const rows = await page.$$eval("#tenants tbody tr", (trs) => trs.map((tr) => ({ tenant: tr.getAttribute("data-tenant"), tone: tr.getAttribute("data-tone"), text: (tr as HTMLElement).innerText })));
    assert.deepEqual(rows.map((r) => r.tenant).sort(), [...TENANTS].sort());
    const stale = rows.find((r) => r.tenant === STALE);
    assert.ok(stale && stale.tone !== "ok", `the stale tenant is marked: ${JSON.stringify(stale)}`);
    assert.match(stale.text, /stale/);
    assert.match(stale.text, /1 open/);
    for (const r of rows.filter((r) => r.tenant !== STALE)) assert.doesNotMatch(r.text, /stale/, r.tenant ?? "");
    assert.deepEqual(await page.$$eval("#attention li", (lis) => lis.map((li) => li.getAttribute("data-tenant"))), [STALE]);
    const drawn = await charts(page);
    assert.deepEqual(drawn.map((c) => [c.id, c.drawn]), [["attainment", 2]]);
    assert.ok(drawn.every((c) => c.painted > 1000), "the canvas is painted");
    await page.screenshot({ path: join(SCREENS, "overview.png"), fullPage: true });
    await page.close();
    const dark = await open("index.html", { dark: true });
    await dark.screenshot({ path: join(SCREENS, "overview-dark.png"), fullPage: true });
    await dark.close();
  });

  it("the stale tenant's page draws syncs, freshness, durations and records", async () => {
    const page = await open(`tenants/${STALE}.html`);
    const drawn = await charts(page);
    const byId = Object.fromEntries(drawn.map((c) => [c.id, c]));
    assert.deepEqual(Object.keys(byId), ["syncs", "freshness", "durations", "records"]);
    for (const c of drawn) {
      assert.equal(c.drawn, c.expected, `${c.id}: every series drawn`);
      assert.ok(c.painted > 1000, `${c.id}: the canvas is painted`);
    }
    assert.equal(byId.freshness?.drawn, CONNECTIONS.length + 1, "one line per connection and the SLA line");
    assert.equal(byId.durations?.drawn, CONNECTIONS.length);
    const incidents = await page.$eval("#incidents", (t) => (t as HTMLElement).innerText);
    assert.match(incidents, /stale/);
    assert.equal(await page.locator("details.behind table").count(), 4, "a table behind every chart");
    await page.screenshot({ path: join(SCREENS, `tenant-${STALE}.png`), fullPage: true });
    await page.close();
    const phone = await open(`tenants/${STALE}.html`, { width: 390, dark: true });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`);
    await phone.screenshot({ path: join(SCREENS, `tenant-${STALE}-phone-dark.png`), fullPage: false });
    await phone.close();
  });

  it("orchestrator Gantt and dbt's slowest nodes are drawn", async () => {
    for (const [path, id] of [["orchestrator.html", "gantt"], ["dbt.html", "slowest"]] as const) {
      const page = await open(path);
      const drawn = await charts(page);
      assert.equal(drawn[0]?.id, id);
      assert.ok((drawn[0]?.drawn ?? 0) >= 1 && drawn[0]?.drawn === drawn[0]?.expected, `${id}: ${JSON.stringify(drawn[0])}`);
      assert.ok((drawn[0]?.painted ?? 0) > 1000);
      await page.screenshot({ path: join(SCREENS, path.replace(".html", ".png")), fullPage: true });
      await page.close();
    }
  });

  it("no console error and no request leaves the page", () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(leaving, []);
  });
});
