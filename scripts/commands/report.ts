import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type CommandContext, type CommandResult, defineCommand } from "../cli/command.ts";
import { ConfigError, UsageError } from "../core/mod.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { loadConfig } from "../config/mod.ts";
import { applyFileChanges, createOctokitGitDataApi } from "../commit/mod.ts";
import { buildSite, buildStatusPage, tenantPagePath, commitReports, listFilesDeep, parseRunReport, planRollup, readCommitSettings, recentReportPaths, renderReport, REPORT_FORMATS, type ReportFormat } from "../report/mod.ts";
import { reportDir, writeRunReport } from "./write-run-report.ts";
import { readChartLibrary, siteSettings } from "./site-settings.ts";

const DATED = /^\d{4}\/\d{2}\/\d{2}\/[^/]+\.json$/;

function retention(value: string | undefined, required: boolean): number | undefined {
  if (value === undefined || value === "") {
    if (required) throw new UsageError("Missing --retention-days", "Say how many whole days daily folders are kept, e.g. --retention-days 30");
    return undefined;
  }
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0) throw new UsageError(`Invalid value '${value}' for --retention-days`, "Use a whole number of days >= 0");
  return days;
}

async function configTenants(ctx: CommandContext): Promise<string[]> {
  const result = await loadConfig(ctx.files, ctx.configDir, { env: ctx.env, production: false }).catch(() => undefined);
  return result?.ok ? result.config.tenants.map((t) => t.slug) : [];
}

/** `adops report`: render a run report, rebuild STATUS.md, build the status site, roll up old days, commit a run's reports. */
export const reportCommand = defineCommand({
  name: "report",
  summary: "Render run reports, rebuild STATUS.md, build the status site, roll up old days, commit a run's reports",
  usage: "render <report.json> | status | site [--out <dir>] | rollup | commit",
  description: [
    "render <file>   print a run report as md, csv, json, summary (the job summary) or annotations",
    "status          rebuild <dir>/STATUS.md and status.json from <dir>/latest/*.json and the incident state",
    "site            build the static status site (overview, a page per tenant, orchestrator, dbt) into --out",
    "                (default .adops/site) from <dir>'s history, latest/, status.json and the incident state",
    "rollup          roll daily folders older than --retention-days into <dir>/YYYY/MM/summary.json",
    "commit          commit this run's reports to the branch as ONE commit through the GitHub API",
    "                (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL), retrying when the branch moved",
  ].join("\n"),
  examples: [
    "adops report render .adops/reports/latest/sync.json --format csv",
    "adops report status",
    "adops report site --dir reports --out _site",
    "adops report rollup --retention-days 30",
    "adops report commit --dir reports --branch main --retention-days 30",
  ],
  options: {
    format: { type: "string", choices: REPORT_FORMATS, default: "md", description: "Output format of render" },
    out: { type: "string", valueName: "<path>", description: "render: write to a file instead of stdout; site: the site's folder (default .adops/site)" },
    dir: { type: "string", valueName: "<dir>", description: "Report folder (default ADOPS_REPORT_DIR, reports/ in Actions, .adops/reports locally)" },
    branch: { type: "string", valueName: "<branch>", description: "commit: target branch (default the pushed branch, else main)" },
    message: { type: "string", valueName: "<text>", description: "commit: commit message" },
    "retention-days": { type: "string", valueName: "<days>", description: "rollup/commit: keep daily folders this many whole days" },
    incidents: { type: "string", valueName: "<file>", description: "Incident state file (default <dir>/state/incidents.json)" },
    include: { type: "string", multiple: true, valueName: "<file>", description: "commit: one more file to commit as it is" },
    "max-attempts": { type: "string", valueName: "<n>", default: "20", description: "commit: attempts when the branch keeps moving" },
  },
  async run(ctx, { values, positionals }): Promise<CommandResult> {
    const [sub, ...rest] = positionals;
    const dir = (values.dir ?? reportDir(ctx)).replace(/\/+$/, "");
    const startedAt = ctx.clock.now();
    const now = () => new Date(ctx.clock.now()).toISOString();

    if (sub === "render") {
      const file = rest[0];
      if (file === undefined) throw new UsageError("Missing the report file", "Usage: adops report render <report.json> --format md");
      const text = await ctx.files.tryReadText(file);
      if (text === undefined) throw new ConfigError(`Cannot read report '${file}': no such file`);
      const parsed = parseRunReport(text);
      if (!parsed.ok) throw new ConfigError(`Cannot read report '${file}': ${parsed.issues.slice(0, 3).join("; ")}`);
      const output = renderReport(parsed.value, values.format as ReportFormat);
      if (values.out !== undefined) await ctx.files.writeText(values.out, output);
      else ctx.out(output.replace(/\n$/, ""));
      return { exitCode: ExitCode.ok, json: { ok: true, file, format: values.format, out: values.out ?? null, bytes: new TextEncoder().encode(output).byteLength } };
    }

    if (sub === "status") {
      const names = (await ctx.files.list(`${dir}/latest`)).filter((n) => n.endsWith(".json"));
      const built = await buildStatusPage((p) => ctx.files.tryReadText(p), {
        dir,
        latestNames: names,
        incidentsPath: values.incidents ?? `${dir}/state/incidents.json`,
        tenants: await configTenants(ctx),
        now: now(),
        // SLA attainment of the last 7 days: only those day folders are listed and their health reports read.
        paths: await recentReportPaths(ctx.files, dir, { now: ctx.clock.now(), days: 7 }),
      });
      await ctx.files.writeText(built.state.path, built.state.content);
      await ctx.files.writeText(built.page.path, built.page.content);
      for (const p of built.problems) ctx.log.warn(p);
      ctx.out(`Wrote ${built.page.path} from ${built.latest.size} latest report(s)`);
      const tenants = Object.keys(JSON.parse(built.state.content).tenants).length;
      await writeRunReport(ctx, { command: "report", startedAt, inputs: { action: "status", dir }, exitCode: 0, summary: { latest: built.latest.size, tenants }, rows: [], ...(built.problems.length ? { messages: built.problems } : {}) });
      return { exitCode: ExitCode.ok, json: { ok: true, page: built.page.path, latest: [...built.latest.keys()].sort(), problems: built.problems } };
    }

    if (sub === "site") {
      const out = (values.out ?? ".adops/site").replace(/\/+$/, "");
      const settings = await siteSettings(ctx);
      const chartLibrary = await readChartLibrary(ctx);
      const site = await buildSite((p) => ctx.files.tryReadText(p), {
        dir,
        paths: await listFilesDeep(ctx.files, dir),
        incidentsPath: values.incidents ?? `${dir}/state/incidents.json`,
        tenants: settings.tenants,
        sla: settings.sla,
        now: ctx.clock.now(),
        chartLibrary,
      });
      // Tenant pages are ours alone: a tenant that left config leaves no page behind.
      await ctx.files.remove(`${out}/tenants`);
      for (const [path, content] of site.files) await ctx.files.writeText(`${out}/${path}`, content);
      for (const p of site.problems) ctx.log.warn(p);
      const index = resolve(ctx.cwd, out, "index.html");
      const bytes = (path: string) => new TextEncoder().encode(site.files.get(path) ?? "").byteLength;
      const overviewBytes = bytes("index.html") + bytes("assets/site.css") + bytes("assets/site.js") + bytes("assets/chart.umd.min.js");
      ctx.out(`Wrote the status site (${site.data.tenants.length} tenants, ${site.files.size} files, from ${site.reports} report(s)) to ${out}`);
      ctx.out(`Open ${pathToFileURL(index).href}`);
      await writeRunReport(ctx, {
        command: "report",
        startedAt,
        inputs: { action: "site", dir, out },
        exitCode: 0,
        summary: { tenants: site.data.tenants.length, files: site.files.size, reports: site.reports, overview_bytes: overviewBytes, open_incidents: site.data.openIncidents },
        rows: site.data.tenants.map((t) => ({ tenant: t.slug, path: `${out}/${tenantPagePath(t.slug)}`, health: t.health?.status ?? null, status: "page_written" as const })),
        ...(site.problems.length ? { messages: site.problems } : {}),
      });
      return { exitCode: ExitCode.ok, json: { ok: true, out, index, tenants: site.data.tenants.length, files: site.files.size, reports: site.reports, overview_bytes: overviewBytes, problems: site.problems } };
    }

    if (sub === "rollup") {
      const days = retention(values["retention-days"], true) as number;
      const plan = await planRollup((p) => ctx.files.tryReadText(p), { dir, now: ctx.clock.now(), retentionDays: days, paths: await listFilesDeep(ctx.files, dir) });
      await applyFileChanges(ctx.files, plan.changes);
      for (const p of plan.problems) ctx.log.warn(p);
      ctx.out(plan.days.length === 0 ? `Nothing older than ${days} day(s) in ${dir}` : `Rolled up ${plan.reports} report(s) from ${plan.days.length} day(s) into monthly summaries`);
      await writeRunReport(ctx, {
        command: "report",
        startedAt,
        inputs: { action: "rollup", dir, retention_days: days },
        exitCode: 0,
        summary: { days: plan.days.length, reports: plan.reports, kept: plan.problems.length },
        rows: plan.days.map((d) => ({ day: d, status: "rolled_up" })),
        ...(plan.problems.length ? { messages: plan.problems } : {}),
      });
      return { exitCode: ExitCode.ok, json: { ok: true, days: plan.days, reports: plan.reports, problems: plan.problems } };
    }

    if (sub === "commit") {
      const settings = readCommitSettings(ctx.env, { branch: values.branch });
      ctx.redactor.add(settings.token);
      const maxAttempts = Number(values["max-attempts"]);
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new UsageError(`Invalid value '${values["max-attempts"]}' for --max-attempts`);
      const local = (await listFilesDeep(ctx.files, dir)).filter((p) => DATED.test(p.slice(dir.length + 1)));
      const reports = await Promise.all(local.map(async (p) => ({ path: `reports/${p.slice(dir.length + 1)}`, text: await ctx.files.readText(p) })));
      // A missing --include (a step that did not get far enough to write it) is
      // skipped with a warning: losing the whole commit would lose the run's record.
      const included = await Promise.all(values.include.map(async (p) => {
        if (p.startsWith("/") || p.split("/").includes("..")) throw new UsageError(`Invalid --include '${p}'`, "Give a path inside the repository");
        const text = await ctx.files.tryReadText(p);
        if (text === undefined) {
          ctx.log.warn(`Not including '${p}': no such file`);
          return undefined;
        }
        return { path: p.replace(/^\.\//, ""), text: ctx.redactor.redact(text) };
      }));
      const extraFiles = included.filter((f) => f !== undefined);
      const days = retention(values["retention-days"], false);
      let retries = 0;
      const api = createOctokitGitDataApi({ token: settings.token, repository: settings.repository, apiUrl: settings.apiUrl });
      ctx.log.info(`Committing ${reports.length} report file(s) to ${settings.repository}@${settings.branch}`);
      const result = await commitReports(api, {
        reports,
        extraFiles,
        branch: settings.branch,
        clock: ctx.clock,
        signal: ctx.signal,
        maxAttempts,
        incidentsPath: values.incidents ?? "reports/state/incidents.json",
        tenants: await configTenants(ctx),
        ...(values.message ? { message: values.message } : {}),
        ...(days === undefined ? {} : { retentionDays: days }),
        onRetry: (s) => {
          retries += 1;
          ctx.log.info(`Branch '${settings.branch}' moved; retrying in ${s.delayMs} ms`, { attempt: s.attempt });
        },
      });
      for (const p of result.problems) ctx.log.warn(p);
      const line = result.sha === undefined
        ? `Nothing to commit: ${settings.branch} already has every report`
        : `Committed ${result.newReports.length} new report(s), ${result.files.length} file(s) to ${settings.branch} as ${result.sha.slice(0, 7)} after ${result.attempts} attempt(s)`;
      ctx.out(line);
      await writeRunReport(ctx, {
        command: "report",
        startedAt,
        inputs: { action: "commit", dir, branch: settings.branch, repository: settings.repository, retention_days: days ?? null },
        exitCode: 0,
        summary: { new_reports: result.newReports.length, files: result.files.length, attempts: result.attempts, retries, rolled_up_days: result.rolledUpDays.length },
        rows: result.files.map((path) => ({ path, status: "committed" })),
        messages: [line, ...result.problems],
      });
      return {
        exitCode: ExitCode.ok,
        json: { ok: true, sha: result.sha ?? null, branch: settings.branch, attempts: result.attempts, files: result.files, new_reports: result.newReports, rolled_up_days: result.rolledUpDays, problems: result.problems },
        summaryMarkdown: `### adops report commit\n\n${line}.${result.rolledUpDays.length ? ` Rolled up ${result.rolledUpDays.length} day(s).` : ""}\n`,
        outputs: { sha: result.sha ?? "", files: JSON.stringify(result.files), attempts: String(result.attempts), new_reports: String(result.newReports.length) },
      };
    }

    throw new UsageError(sub === undefined ? "Missing the report action" : `Unknown report action '${sub}'`, "Use one of: render, status, site, rollup, commit");
  },
});
