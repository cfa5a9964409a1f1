import assert from "node:assert/strict";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCliForTest } from "../cli/testing.ts";
import { type ConfigCopy, copyShippedConfig, lineOf } from "../config/testing.ts";

interface Case {
  name: string;
  file: string;
  /** Applies the breakage to the copy. */
  apply(copy: ConfigCopy): Promise<void>;
  /** Problem code expected. */
  code: string;
  /** Text on the line the problem must point at. */
  lineText: string;
  /** Text the message must contain. */
  message: RegExp;
  env?: Record<string, string>;
  args?: string[];
  /** A secret that must not be printed. */
  secret?: string;
  /** The path the problem must name when `file` cannot be read back (a directory, a loop). */
  path?: string;
}

const META_TOKEN = "EAABsbCS1iHgBAKZCZA9xyz0123456789abcdefGHIJKLmnop";
const CANARY = "canary-9f8e7d6c5b4a";

const cases: Case[] = [
  {
    name: "YAML syntax error",
    file: "tenants/acme-retail.yml",
    apply: (c) => c.edit("tenants/acme-retail.yml", "display_name: Acme Retail (Kingston)", "display_name: Acme Retail: Kingston"),
    code: "yaml-syntax",
    lineText: "display_name: Acme Retail: Kingston",
    message: /YAML syntax error/,
  },
  {
    name: "wrong type",
    file: "platform.yml",
    apply: (c) => c.edit("platform.yml", "airbyte_fresh_minutes: 60", 'airbyte_fresh_minutes: "sixty"'),
    code: "schema",
    lineText: "airbyte_fresh_minutes",
    message: /Invalid value 'sixty' for 'sla\.airbyte_fresh_minutes'/,
  },
  {
    name: "anomaly threshold out of range",
    file: "platform.yml",
    apply: (c) => c.edit("platform.yml", "decline_ratio: 0.7 ", "decline_ratio: 7 "),
    code: "schema",
    lineText: "decline_ratio: 7",
    message: /anomalies\.decline_ratio/,
  },
  {
    name: "unknown schedule group for anomalies",
    file: "platform.yml",
    apply: (c) => c.edit("platform.yml", "  enabled: true\n  min_history_days", "  enabled: true\n  schedule_groups: [metrcs]\n  min_history_days"),
    code: "unknown-schedule-group",
    lineText: "schedule_groups: [metrcs]",
    message: /unknown schedule group 'metrcs'/,
  },
  {
    name: "unknown key",
    file: "tenants/blue-mountain-coffee.yml",
    apply: (c) => c.edit("tenants/blue-mountain-coffee.yml", "timezone: Europe/London", "timezon: Europe/London"),
    code: "unknown-key",
    lineText: "timezon:",
    message: /Unknown key 'timezon'/,
  },
  {
    name: "bad cron",
    file: "tenants/blue-mountain-coffee.yml",
    apply: (c) => c.edit("tenants/blue-mountain-coffee.yml", '"0 7-21 * * *"', '"0 25 * * *"'),
    code: "cron",
    lineText: "0 25 * * *",
    message: /Invalid cron '0 25 \* \* \*'.*hour 25 is outside 0-23/,
  },
  {
    name: "unknown time zone",
    file: "tenants/island-telecom.yml",
    apply: (c) => c.edit("tenants/island-telecom.yml", "timezone: America/Toronto", "timezone: America/Kingston"),
    code: "timezone",
    lineText: "America/Kingston",
    message: /Unknown time zone 'America\/Kingston'/,
  },
  {
    name: "duplicate slug",
    file: "tenants/sunshine-resorts.yml",
    apply: async (c) => c.write("tenants/sunshine-resorts-2.yml", (await c.read("tenants/sunshine-resorts.yml")).replace("raw_sunshine_resorts", "raw_sunshine_two")),
    code: "duplicate-slug",
    lineText: "slug:",
    message: /Tenant slug 'sunshine-resorts' is used twice/,
  },
  {
    name: "namespace collision",
    file: "tenants/island-telecom.yml",
    apply: async (c) => {
      await c.edit("tenants/island-telecom.yml", "destination_namespace: raw_island_telecom", "destination_namespace: raw_acme_retail");
      await c.edit("tenants/island-telecom.yml", "stream_prefix: itel_", "stream_prefix: acme_");
    },
    code: "namespace-collision",
    lineText: "destination_namespace: raw_acme_retail",
    message: /Tenants 'acme-retail' and 'island-telecom' would both write to namespace 'raw_acme_retail' with prefix 'acme_'/,
  },
  {
    name: "dependency cycle",
    file: "orchestrator.yml",
    apply: (c) => c.edit("orchestrator.yml", "dependencies: [microsoft, google, facebook]", "dependencies: [microsoft, google, facebook, metrics]"),
    code: "dependency-cycle",
    lineText: "dependencies: [microsoft, google, facebook, metrics]",
    message: /Dependency cycle: marts -> metrics -> marts/,
  },
  {
    name: "credential warning line past the lifetime",
    file: "platform.yml",
    apply: (c) => c.edit("platform.yml", "credentials.access_token: { kind: fixed_lifetime, days: 60, warn_days: 14 }", "credentials.access_token: { kind: fixed_lifetime, days: 60, warn_days: 90 }"),
    code: "credential-policy",
    lineText: "warn_days: 90",
    message: /credentials\.meta\.credentials\.access_token: warn_days 90 is not less than days 60/,
  },
  {
    name: "credential policy of an unknown kind",
    file: "platform.yml",
    apply: (c) => c.edit("platform.yml", "refresh_token: { kind: expires_unused, days: 90, warn_days: 14 }", "refresh_token: { kind: expires_when_unused, days: 90, warn_days: 14 }"),
    code: "schema",
    lineText: "expires_when_unused",
    message: /expires_when_unused/,
  },
  {
    name: "inline secret in a secret field",
    file: "templates/meta_metrics.yml",
    apply: (c) => c.edit("templates/meta_metrics.yml", "credentials.access_token: AIRBYTE_META_ACCESS_TOKEN", `credentials.access_token: ${META_TOKEN}`),
    code: "inline-secret",
    lineText: "credentials.access_token:",
    message: /Meta access token is written in the file/,
    secret: META_TOKEN,
  },
  {
    name: "token shape in an ordinary field",
    file: "tenants/acme-retail.yml",
    apply: (c) => c.edit("tenants/acme-retail.yml", "display_name: Acme Retail (Kingston)", "display_name: xoxb-2048-1234567890-abcdefghijklmnop"),
    code: "inline-secret",
    lineText: "display_name:",
    message: /Slack token is written in the file at 'display_name'/,
    secret: "xoxb-2048-1234567890-abcdefghijklmnop",
  },
  {
    name: "unknown template",
    file: "tenants/acme-retail.yml",
    apply: (c) => c.edit("tenants/acme-retail.yml", "  meta_metrics:\n", "  meta_metric:\n"),
    code: "unknown-template",
    lineText: "meta_metric:",
    message: /unknown template 'meta_metric'/,
  },
  {
    name: "placeholder secret in production",
    file: "",
    apply: () => Promise.resolve(),
    code: "placeholder-secret",
    lineText: "",
    message: /AIRBYTE_META_ACCESS_TOKEN holds a placeholder/,
    args: ["--production"],
    env: { AIRBYTE_META_ACCESS_TOKEN: "changeme" },
  },
  {
    name: "missing secret env var in production",
    file: "",
    apply: () => Promise.resolve(),
    code: "missing-secret",
    lineText: "",
    message: /Secret env var SLACK_WEBHOOK_URL is not set/,
    args: ["--production"],
    env: { AIRBYTE_META_ACCESS_TOKEN: CANARY },
    secret: CANARY,
  },
  {
    name: "an interval from an env variable that is not a number, naming the variable",
    file: "",
    apply: () => Promise.resolve(),
    code: "interval",
    lineText: "",
    message: /Invalid interval NaN for connection 'google_metrics' of tenant 'acme-retail' \(from env AIRBYTE_ACME_RETAIL_METRICS_BASIC_UNITS\)/,
    env: { AIRBYTE_ACME_RETAIL_METRICS_BASIC_UNITS: "abc" },
  },
  {
    name: "a UTF-16 tenant file (its token never quoted)",
    file: "",
    path: "tenants/acme-retail.yml",
    apply: async (c) => {
      const text = (await c.read("tenants/acme-retail.yml")).replace("currency: JMD", `currency: JMD, note: ${META_TOKEN}`);
      await writeFile(join(c.dir, "config/tenants/acme-retail.yml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    },
    code: "encoding",
    lineText: "",
    message: /is not UTF-8 \(it looks like UTF-16\): it holds NUL bytes/,
    secret: META_TOKEN,
  },
  {
    name: "a NUL written as a YAML escape in a value",
    file: "tenants/acme-retail.yml",
    apply: (c) => c.edit("tenants/acme-retail.yml", "display_name: Acme Retail (Kingston)", 'display_name: "Acme Retail\\x00"'),
    code: "control-character",
    lineText: "display_name:",
    message: /The value at 'display_name' holds control character U\+0000/,
  },
  {
    name: "a tenant file that is a symbolic link loop",
    file: "",
    path: "tenants/loop.yml",
    apply: (c) => symlink("loop.yml", join(c.dir, "config/tenants/loop.yml")),
    code: "unreadable-file",
    lineText: "",
    message: /Cannot read 'config\/tenants\/loop\.yml': it is a symbolic link loop/,
  },
  {
    name: "a tenants folder that is a symbolic link loop",
    file: "",
    path: "tenants",
    apply: async (c) => {
      await rm(join(c.dir, "config/tenants"), { recursive: true });
      await symlink("tenants", join(c.dir, "config/tenants"));
    },
    code: "unreadable-file",
    lineText: "",
    message: /Cannot list 'config\/tenants': it is a symbolic link loop/,
  },
  {
    name: "platform.yml that is a directory",
    file: "",
    path: "platform.yml",
    apply: async (c) => {
      await rm(join(c.dir, "config/platform.yml"));
      await mkdir(join(c.dir, "config/platform.yml"));
    },
    code: "unreadable-file",
    lineText: "",
    message: /Cannot read 'config\/platform\.yml': it is a directory/,
  },
  {
    name: "a YAML alias bomb",
    file: "tenants/bomb.yml",
    apply: (c) => c.write("tenants/bomb.yml", ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`), "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]", ""].join("\n")),
    code: "yaml-aliases",
    lineText: "a: &a",
    message: /YAML aliases expand too far/,
  },
  {
    name: "a config file of more than 1 MB",
    file: "tenants/huge.yml",
    apply: (c) => c.write("tenants/huge.yml", `# ${"x".repeat(1_100_000)}\nslug: huge\n`),
    code: "file-too-large",
    lineText: "#",
    message: /more than the 1000000 a config file may have/,
  },
  {
    name: "a stuck threshold of zero minutes in platform.yml",
    file: "platform.yml",
    apply: (c) => c.edit("platform.yml", "stuck_after_minutes: 5", "stuck_after_minutes: 0"),
    code: "schema",
    lineText: "stuck_after_minutes",
    message: /'sync\.stuck_after_minutes'/,
  },
  {
    name: "a stuck poll count that is not a whole number in platform.yml",
    file: "platform.yml",
    apply: (c) => c.edit("platform.yml", "stuck_polls: 3", "stuck_polls: 2.5"),
    code: "schema",
    lineText: "stuck_polls",
    message: /'sync\.stuck_polls'/,
  },
  {
    name: "a tenant file whose slug is not its file name",
    file: "tenants/island-telecom.yml",
    apply: async (c) => {
      await c.edit("tenants/island-telecom.yml", "slug: island-telecom", "slug: island-tel");
    },
    code: "file-name",
    lineText: "slug: island-tel",
    message: /Tenant file 'config\/tenants\/island-telecom\.yml' holds slug 'island-tel'/,
  },
  {
    name: "a Meta account id with act_, which the connector's pattern refuses (at the tenant's line)",
    file: "tenants/acme-retail.yml",
    apply: (c) => c.edit("tenants/acme-retail.yml", 'meta: { account_id: "1029384756"', 'meta: { account_id: "act_1029384756"'),
    code: "connector-spec",
    lineText: "meta: { account_id:",
    message: /Tenant 'acme-retail' .*'account_ids\[0\]' is 'act_1029384756', which does not match the connector's pattern \^\[0-9\]\+\$ \(The Ad Account ID must be a number\.\)/,
  },
  {
    name: "a stream the connector does not have, naming the closest",
    file: "templates/meta_metrics.yml",
    apply: (c) => c.edit("templates/meta_metrics.yml", "- name: ads_insights", "- name: ad_insights"),
    code: "connector-stream",
    lineText: "- name: ad_insights",
    message: /stream 'ad_insights' does not exist in the connector's catalog \(closest: ads_insights, /,
  },
  {
    name: "TikTok credentials with no auth_type, naming the accepted values",
    file: "templates/tiktok_metrics.yml",
    apply: (c) => c.edit("templates/tiktok_metrics.yml", "credentials: { auth_type: oauth2.0, advertiser_id", "credentials: { advertiser_id"),
    code: "connector-spec",
    lineText: "credentials: { advertiser_id",
    message: /'source\.configuration\.credentials' has no 'auth_type', so it matches none of the connector's options: set auth_type: 'oauth2\.0' .* or auth_type: 'sandbox_access_token'/,
  },
  {
    name: "a Google Ads customer id with dashes, at the tenant's line",
    file: "tenants/sunshine-resorts.yml",
    apply: (c) => c.edit("tenants/sunshine-resorts.yml", 'google_ads: { account_id: "3344556677"', 'google_ads: { account_id: "334-455-6677"'),
    code: "connector-spec",
    lineText: "google_ads: { account_id:",
    message: /'customer_id' is '334-455-6677', which does not match the connector's pattern .*The customer ID must be 10 digits/,
  },
  {
    name: "a key shorter than the report's source-defined key",
    file: "templates/microsoft_metrics.yml",
    apply: (c) => c.edit("templates/microsoft_metrics.yml", "[[AccountId], [CampaignId], [TimePeriod], [CurrencyCode], [AdDistribution], [DeviceType], [Network], [DeliveredMatchType], [DeviceOS], [TopVsOther], [BidMatchType]]", "[[AccountId], [CampaignId], [TimePeriod]]"),
    code: "connector-stream",
    lineText: "primary_key:",
    message: /primary_key \[\[AccountId\], \[CampaignId\], \[TimePeriod\]\] of stream 'campaign_performance_report_daily' differs from the connector's source-defined key/,
  },
  {
    name: "an env-only tenant without its Meta account, naming the variable",
    file: "",
    apply: () => Promise.resolve(),
    code: "connector-spec",
    lineText: "",
    message: /Tenant 'walk-in' \(templates 'dimensions_daily', 'meta_metrics'.*'account_ids\[0\]' is ''.*AIRBYTE_WALK_IN_META_ACCOUNT_ID is not set/,
    env: { AIRBYTE_TENANTS: "walk-in", AIRBYTE_WALK_IN_WORKSPACE_ID: "11111111-2222-4333-8444-555555555555", AIRBYTE_WALK_IN_DESTINATION_ID: "11111111-2222-4333-8444-666666666666" },
  },
  {
    name: "a Microsoft Ads tenant without account_name (the connector filters accounts by name)",
    file: "tenants/acme-retail.yml",
    apply: (c) => c.edit("tenants/acme-retail.yml", ' account_name: Acme Retail,', ""),
    code: "connector-spec",
    lineText: "microsoft_ads:",
    message: /'account_names\[0\]\.name' would be sent as '\$\{account_name\}': the tenant does not set account_name/,
  },
  {
    name: "an option the connector does not have (it would ignore it)",
    file: "templates/tiktok_metrics.yml",
    apply: (c) => c.edit("templates/tiktok_metrics.yml", "attribution_window: 3", "lookback_window: 3"),
    code: "connector-spec",
    lineText: "lookback_window: 3",
    message: /'source\.configuration\.lookback_window' is not an option of the connector, which ignores it/,
  },
];

describe("adops validate on broken config", () => {
  for (const c of cases) {
    test(`validate exits 1 with file:line for ${c.name}`, async () => {
      const copy = await copyShippedConfig();
      try {
        await c.apply(copy);
        const run = await runCliForTest(["validate", "--json", ...(c.args ?? [])], { cwd: copy.dir, env: c.env ?? {} });
        assert.equal(run.exitCode, 1, run.stderr);
        const json = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string; level: string; message: string; hint: string; position?: { file: string; line: number } }[] };
        assert.equal(json.ok, false);
        const problem = json.problems.find((p) => p.code === c.code && p.level === "error" && c.message.test(p.message));
        assert.ok(problem, `no ${c.code} problem matching ${c.message} in ${JSON.stringify(json.problems, null, 1)}`);
        assert.ok(problem.hint.length > 10, "a fix hint is given");
        if (c.file !== "") {
          assert.equal(problem.position?.file, `config/${c.file}`);
          assert.equal(problem.position?.line, lineOf(await copy.read(c.file), c.lineText));
          assert.match(run.stderr, new RegExp(`config/${c.file.replace(/[.]/g, "\\.")}:${problem.position?.line}:\\d+: error: `));
        }
        if (c.path !== undefined) assert.equal(problem.position?.file, `config/${c.path}`);
        if (c.secret !== undefined) {
          assert.ok(!run.stdout.includes(c.secret) && !run.stderr.includes(c.secret), "the secret is never printed");
        }
      } finally {
        await copy.remove();
      }
    });
  }

  test("validate reports every problem in one run, not the first only", async () => {
    const copy = await copyShippedConfig();
    try {
      // Cases in different files (a file that fails its schema is not checked semantically).
      const independent = ["YAML syntax error", "unknown key", "unknown time zone", "duplicate slug", "dependency cycle", "inline secret in a secret field"];
      for (const c of cases.filter((c) => independent.includes(c.name))) await c.apply(copy);
      const run = await runCliForTest(["validate", "--json"], { cwd: copy.dir });
      const codes = new Set((JSON.parse(run.stdout) as { problems: { code: string }[] }).problems.map((p) => p.code));
      for (const code of ["yaml-syntax", "unknown-key", "timezone", "duplicate-slug", "dependency-cycle", "inline-secret"]) {
        assert.ok(codes.has(code), `missing ${code}`);
      }
      assert.equal(run.exitCode, 1);
    } finally {
      await copy.remove();
    }
  });
});

describe("adops validate on good config", () => {
  let copy: ConfigCopy;
  before(async () => {
    copy = await copyShippedConfig();
  });
  after(() => copy.remove());

  test("validate exits 0 on the shipped config with no secrets set, warning by name", async () => {
    const run = await runCliForTest(["validate", "--json"], { cwd: copy.dir });
    assert.equal(run.exitCode, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { ok: boolean; tenants: string[]; warnings: number; problems: { message: string }[] };
    assert.equal(json.ok, true);
    assert.deepEqual(json.tenants, ["acme-retail", "blue-mountain-coffee", "island-telecom", "sunshine-resorts"]);
    assert.ok(json.problems.some((p) => p.message.includes("AIRBYTE_META_ACCESS_TOKEN is not set")));
  });

  test("validate checks every ad template for every tenant against the connector contracts and says how many", async () => {
    const run = await runCliForTest(["validate", "--json"], { cwd: copy.dir });
    assert.equal(run.exitCode, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { connector_contracts: { templates: number; combinations: number; skipped: string[] } };
    assert.deepEqual(json.connector_contracts, { templates: 6, combinations: 17, skipped: ["ga4", "search_console"] });
    const text = await runCliForTest(["validate"], { cwd: copy.dir });
    assert.match(text.stdout, /Connector contracts: 6 templates' streams checked against their catalogs, 17 template\/tenant configurations against their specs/);
  });

  test("validate accepts the seed's orchestrator_config.yml unchanged, warning about group-only platforms", async () => {
    const seed = await import("node:fs/promises").then((fs) => fs.readFile("scripts/config/fixtures/seed-orchestrator-config.yml", "utf8"));
    await copy.write("orchestrator.yml", seed);
    const run = await runCliForTest(["validate", "--json"], { cwd: copy.dir });
    assert.equal(run.exitCode, 0, run.stdout);
    const problems = (JSON.parse(run.stdout) as { problems: { code: string; message: string }[] }).problems.filter((p) => p.code === "group-platform-defaults");
    assert.deepEqual(problems.map((p) => p.message.match(/'(\w+)'/)?.[1]).sort(), ["facebook", "google"]);
  });

  test("validate --explain shows env overrides and env-only tenants from AIRBYTE_TENANTS", async () => {
    const env = {
      AIRBYTE_TENANTS: "acme-retail,walk-in",
      AIRBYTE_ACME_RETAIL_STREAM_PREFIX: "acmex_",
      AIRBYTE_ACME_RETAIL_METRICS_CRON: "30 6-22 * * *",
      AIRBYTE_ACME_RETAIL_META_METRICS_STATUS: "inactive",
      AIRBYTE_WALK_IN_WORKSPACE_ID: "11111111-2222-4333-8444-555555555555",
      AIRBYTE_WALK_IN_DESTINATION_ID: "11111111-2222-4333-8444-666666666666",
      // The connectors refuse an empty account: an env-only tenant sets its accounts too.
      AIRBYTE_WALK_IN_META_ACCOUNT_ID: "1234567890",
      AIRBYTE_WALK_IN_GOOGLE_ADS_ACCOUNT_ID: "1234567890",
      AIRBYTE_WALK_IN_MICROSOFT_ADS_ACCOUNT_ID: "180990000",
      AIRBYTE_WALK_IN_MICROSOFT_ADS_ACCOUNT_NAME: "Walk In",
    };
    const run = await runCliForTest(["validate", "--json", "--explain", "acme-retail"], { cwd: copy.dir, env });
    assert.equal(run.exitCode, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { tenants: string[]; explain: { values: { key: string; value: string; origin: string }[] } };
    assert.ok(json.tenants.includes("walk-in"));
    const row = (key: string) => json.explain.values.find((r) => r.key === key);
    assert.deepEqual(row("stream_prefix"), { key: "stream_prefix", value: "acmex_", origin: "env AIRBYTE_ACME_RETAIL_STREAM_PREFIX" });
    assert.equal(row("connections.meta_metrics.status")?.origin, "env AIRBYTE_ACME_RETAIL_META_METRICS_STATUS");
    assert.equal(row("connections.google_metrics.schedule")?.value, "cron '30 6-22 * * *' in America/Jamaica");
    assert.match(row("destination_namespace")?.origin ?? "", /^config\/tenants\/acme-retail\.yml:\d+:\d+$/);
  });

  test("validate warns that an AIRBYTE_TENANTS slug has no file, naming the tenant files, and --explain names AIRBYTE_DEFAULT_TIMEZONE", async () => {
    const run = await runCliForTest(["validate", "--json"], { cwd: copy.dir, env: { AIRBYTE_TENANTS: "acme-retail,acme-retial" } });
    const json = JSON.parse(run.stdout) as { problems: { code: string; message: string; hint: string }[] };
    const warning = json.problems.find((p) => p.code === "env-only-tenant");
    assert.match(warning?.message ?? "", /AIRBYTE_TENANTS lists 'acme-retial', which has no file in config\/tenants\//);
    assert.match(warning?.hint ?? "", /Tenant files: acme-retail, blue-mountain-coffee/);
    const explain = await runCliForTest(["validate", "--explain", "acme-retail"], { cwd: copy.dir, env: { AIRBYTE_DEFAULT_TIMEZONE: "Europe/Paris" } });
    assert.match(explain.stdout, /timezone\s+Europe\/Paris\s+default \(env AIRBYTE_DEFAULT_TIMEZONE, over platform\.yml timezone\)/);
  });

  test("validate reports a bad cron from an env var by the variable's name", async () => {
    const run = await runCliForTest(["validate", "--json"], { cwd: copy.dir, env: { AIRBYTE_ACME_RETAIL_METRICS_CRON: "every hour" } });
    assert.equal(run.exitCode, 1);
    const problem = (JSON.parse(run.stdout) as { problems: { code: string; hint: string }[] }).problems.find((p) => p.code === "cron");
    assert.match(problem?.hint ?? "", /env AIRBYTE_ACME_RETAIL_METRICS_CRON/);
  });

  test("validate writes annotations and a job summary table inside GitHub Actions", async () => {
    const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: "/summary.md", AIRBYTE_ACME_RETAIL_METRICS_CRON: "every hour" };
    const run = await runCliForTest(["validate"], { cwd: copy.dir, env });
    assert.equal(run.exitCode, 1);
    assert.match(run.stdout, /^::error title=adops validate%3A cron::Invalid cron 'every hour'/m);
    assert.match(run.appended["/summary.md"] ?? "", /\| where \| level \| problem \| how to fix \|/);
  });
});
