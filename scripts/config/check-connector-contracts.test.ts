import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { createNodeFiles } from "../runtime/files.ts";
import { type ConfigProblem, type ConnectorContracts, loadConfig, loadConnectorContracts } from "./mod.ts";
import { type ConfigCopy, copyShippedConfig, lineOf } from "./testing.ts";

const FIXTURES = new URL("./fixtures/pre-contract/", import.meta.url);
let contracts: ConnectorContracts;

before(async () => {
  const loaded = await loadConnectorContracts(createNodeFiles(process.cwd()), "schemas/connectors");
  assert.deepEqual(loaded.problems, []);
  assert.ok(loaded.contracts);
  contracts = loaded.contracts;
});

async function check(dir: string): Promise<Awaited<ReturnType<typeof loadConfig>>> {
  return await loadConfig(createNodeFiles(dir), "config", { env: {}, contracts });
}

const errors = (problems: readonly ConfigProblem[]) => problems.filter((p) => p.level === "error");

describe("checkConnectorContracts() on the shipped config", () => {
  test("checkConnectorContracts() passes every shipped ad template for every shipped tenant", async () => {
    const result = await check(process.cwd());
    assert.deepEqual(errors(result.problems), [], JSON.stringify(errors(result.problems), null, 1));
    assert.ok(result.ok);
    // 6 templates of the five ad connectors (Meta has two); GA4 and Search Console have no vendored contract.
    assert.deepEqual(result.contractCheck, { templates: 6, combinations: 17, skipped: ["ga4", "search_console"] });
  });
});

describe("checkConnectorContracts() on the templates before issue #11", () => {
  let copy: ConfigCopy;
  let problems: ConfigProblem[];
  before(async () => {
    copy = await copyShippedConfig();
    for (const name of ["meta_metrics", "dimensions_daily", "google_metrics", "microsoft_metrics", "linkedin_metrics", "tiktok_metrics"]) {
      await copy.write(`templates/${name}.yml`, await readFile(new URL(`${name}.yml`, FIXTURES), "utf8"));
    }
    await copy.write("tenants/acme-retail.yml", await readFile(new URL("acme-retail.yml", FIXTURES), "utf8"));
    const result = await check(copy.dir);
    assert.equal(result.ok, false);
    problems = errors(result.problems);
  });
  after(() => copy.remove());

  async function expectAt(file: string, lineText: string, message: RegExp): Promise<ConfigProblem> {
    const found = problems.find((p) => p.position?.file === `config/${file}` && message.test(p.message));
    assert.ok(found, `no problem matching ${message} in ${file}; got:\n${problems.map((p) => `${p.position?.file}:${p.position?.line} ${p.message}`).join("\n")}`);
    assert.equal(found.position?.line, lineOf(await copy.read(file), lineText), found.message);
    assert.ok(found.hint.length > 10);
    return found;
  }

  test("checkConnectorContracts() refuses Meta credentials without auth_type, naming the accepted values", async () => {
    await expectAt("templates/meta_metrics.yml", "credentials.access_token:", /'source\.configuration\.credentials' has no 'auth_type'.*auth_type: 'Client'.*auth_type: 'Service'/);
  });

  test("checkConnectorContracts() refuses an act_ account id at the tenant's line with the spec's pattern and title", async () => {
    const p = await expectAt("tenants/acme-retail.yml", "meta: { account_id: act_1029384756", /Tenant 'acme-retail' \(templates 'dimensions_daily', 'meta_metrics'.*'account_ids\[0\]' is 'act_1029384756', which does not match the connector's pattern \^\[0-9\]\+\$ \(The Ad Account ID must be a number\.\)/);
    assert.match(p.hint, /^Ad Account ID\(s\): /);
  });

  test("checkConnectorContracts() refuses a Meta key shorter than the source-defined one", async () => {
    await expectAt("templates/meta_metrics.yml", "primary_key:", /primary_key \[\[ad_id\], \[date_start\]\] of stream 'ads_insights' differs from the connector's source-defined key \[\[date_start\], \[account_id\], \[ad_id\]\]/);
  });

  test("checkConnectorContracts() names the closest streams when Google Ads has no campaign_performance", async () => {
    await expectAt("templates/google_metrics.yml", "- name: campaign_performance", /stream 'campaign_performance' does not exist in the connector's catalog \(closest: campaign, /);
  });

  test("checkConnectorContracts() refuses the Bing report key of 3 columns", async () => {
    await expectAt("templates/microsoft_metrics.yml", "primary_key:", /differs from the connector's source-defined key \[\[AccountId\], \[CampaignId\], \[TimePeriod\], \[CurrencyCode\]/);
  });

  test("checkConnectorContracts() refuses LinkedIn string ids and credentials without auth_method", async () => {
    const id = await expectAt("templates/linkedin_metrics.yml", "account_ids:", /'source\.configuration\.account_ids\[0\]' is a string \('508877123'\), but the connector takes an integer/);
    assert.match(id.hint, /\$\{account_id:integer\}/);
    await expectAt("templates/linkedin_metrics.yml", "credentials.access_token:", /'source\.configuration\.credentials\.auth_method' is missing: the connector reads it at run time.*'oAuth2\.0'.*'access_token'/);
  });

  test("checkConnectorContracts() refuses TikTok's ignored options and credentials matching no oneOf branch", async () => {
    await expectAt("templates/tiktok_metrics.yml", "advertiser_id:", /'source\.configuration\.advertiser_id' is not an option of the connector/);
    const lookback = await expectAt("templates/tiktok_metrics.yml", "lookback_window:", /'source\.configuration\.lookback_window' is not an option of the connector/);
    assert.match(lookback.hint, /^Closest options: attribution_window/);
    await expectAt("templates/tiktok_metrics.yml", "credentials.access_token:", /has no 'auth_type'.*'oauth2\.0'.*'sandbox_access_token'/);
  });

  test("checkConnectorContracts() never prints a secret placeholder's value", () => {
    assert.ok(problems.every((p) => !`${p.message} ${p.hint}`.includes("adops-secret-placeholder")));
  });
});

describe("checkConnectorContracts() on single breakages", () => {
  let copy: ConfigCopy;
  before(async () => {
    copy = await copyShippedConfig();
  });
  after(() => copy.remove());

  async function breakAndCheck(file: string, from: string, to: string): Promise<ConfigProblem[]> {
    const original = await copy.read(file);
    await copy.edit(file, from, to);
    try {
      return errors((await check(copy.dir)).problems);
    } finally {
      await copy.write(file, original);
    }
  }

  test("checkConnectorContracts() refuses a value over the spec's maximum, quoting the spec's title", async () => {
    const [p] = await breakAndCheck("templates/meta_metrics.yml", "insights_lookback_window: 28", "insights_lookback_window: 40");
    assert.match(p?.message ?? "", /'source\.configuration\.insights_lookback_window' is 40: the connector's spec says it must be <= 28/);
    assert.match(p?.hint ?? "", /^Insights Lookback Window: /);
  });

  test("checkConnectorContracts() refuses an auth_type no branch has, listing the accepted ones", async () => {
    const [p] = await breakAndCheck("templates/meta_metrics.yml", "credentials: { auth_type: Service }", "credentials: { auth_type: System }");
    assert.match(p?.message ?? "", /'source\.configuration\.credentials\.auth_type' is 'System', which the connector does not accept: it takes auth_type: 'Client' .* or auth_type: 'Service'/);
  });

  test("checkConnectorContracts() refuses a LinkedIn account id that is not an integer at the tenant's line", async () => {
    const problems = await breakAndCheck("tenants/blue-mountain-coffee.yml", 'linkedin: { account_id: "508877123"', 'linkedin: { account_id: "urn:li:sponsoredAccount:508877123"');
    const p = problems.find((x) => x.code === "connector-spec");
    assert.equal(p?.position?.file, "config/tenants/blue-mountain-coffee.yml");
    assert.match(p?.message ?? "", /'account_ids\[0\]' is a string \('urn:li:sponsoredAccount:508877123'\), but the connector takes an integer/);
  });

  test("checkConnectorContracts() refuses a cursor that is not the source-defined one, and a sync mode the stream lacks", async () => {
    const cursor = await breakAndCheck("templates/meta_metrics.yml", "cursor_field: [date_start]", "cursor_field: [date_stop]");
    assert.match(cursor[0]?.message ?? "", /cursor_field \[date_stop\] of stream 'ads_insights' differs from the connector's source-defined cursor \[date_start\]/);
    const mode = await breakAndCheck("templates/dimensions_daily.yml", "  - name: ad_account\n    sync_mode: full_refresh", "  - name: ad_account\n    sync_mode: incremental");
    assert.match(mode.map((p) => p.message).join("\n"), /stream 'ad_account' does not support sync_mode 'incremental' \(it supports full_refresh\)/);
  });

  test("checkConnectorContracts() checks a custom GAQL stream's key and fields against the query", async () => {
    const key = await breakAndCheck("templates/google_metrics.yml", "[[customer.id], [campaign.id], [segments.date]]", "[[customer.id], [ad_group.id], [segments.date]]");
    assert.match(key[0]?.message ?? "", /primary_key field \[ad_group\.id\] is not a field of stream 'campaign_performance'/);
    const field = await breakAndCheck("templates/google_metrics.yml", "metrics.cost_micros,", "metrics.cost_micro,");
    assert.match(field[0]?.message ?? "", /custom query 'campaign_performance' selects 'metrics\.cost_micro', which is not a field/);
    assert.match(field[0]?.hint ?? "", /metrics\.cost_micros/);
  });

  test("checkConnectorContracts() refuses *_dedup without a key when the stream defines none", async () => {
    const [p] = await breakAndCheck("templates/google_metrics.yml", "    primary_key: [[customer.id], [campaign.id], [segments.date]]\n", "");
    assert.match(p?.message ?? "", /stream 'campaign_performance' is append_dedup without a primary_key, and the connector defines none/);
  });
});
