// Two readings of a run report file. Loose (`parseRunReport`): the envelope is
// checked, rows are any records, so reports of every command and every age
// parse; renderers, annotations, the status page, rollups and notify read
// reports this way, and a consumer that needs a row's fields parses that row
// with its command's row schema (`schemas/report-rows/`), leaving out rows
// that do not match. Strict (`parseCommandReport`): every row must match its
// command's row schema, for a whole report whose fields a reader needs (and
// for tests that a producer's report reads back).
import * as v from "valibot";
import { type CommandReport, CommandReportSchema } from "../../schemas/command-report.ts";
import { type RunReport, RunReportSchema } from "../../schemas/report.ts";

/** A parse outcome: the value, or why not. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/**
 * Parses text as a value of `schema` (JSON first), returning errors as values.
 *
 * @param schema The valibot schema.
 * @param text The JSON text.
 * @returns The value or the issues.
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { parseJsonWith } from "./parse-run-report.ts";
 * console.assert(!parseJsonWith(v.number(), "{").ok);
 * ```
 */
export function parseJsonWith<T>(schema: v.GenericSchema<unknown, T>, text: string): ParseResult<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [`Invalid JSON: ${(error as Error).message}`] };
  }
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: result.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`) };
}

/**
 * Parses a run report file's text loosely: the envelope is checked, rows are
 * any records. This is the reading for display (render, job summary,
 * annotations, status page, rollup) and for notify, so that a report whose rows
 * do not match its command's row schema (an older report, another command's)
 * never stops a reader. A consumer that needs row fields parses each row with
 * its command's row schema; {@link parseCommandReport} checks them all.
 *
 * @param text The JSON text.
 * @returns The report or the issues.
 * @example
 * ```ts
 * import { parseRunReport } from "./parse-run-report.ts";
 * console.assert(!parseRunReport("{}").ok);
 * ```
 */
export function parseRunReport(text: string): ParseResult<RunReport> {
  return parseJsonWith(RunReportSchema, text);
}

/**
 * Parses a run report file's text strictly: the command must be one that
 * writes a report and every row must match its row schema. Issues name the
 * field, e.g. `rows.0.status: Invalid type: ...`.
 *
 * @param text The JSON text.
 * @returns The report, typed by its command, or the issues.
 * @example
 * ```ts
 * import { parseCommandReport } from "./parse-run-report.ts";
 * const text = JSON.stringify({ schema_version: 1, run_id: "r1", command: "report", trigger: { kind: "local" }, started_at: "2026-11-23T10:00:00.000Z", ended_at: "2026-11-23T10:00:01.000Z", duration_seconds: 1, inputs: {}, exit_code: 0, status: "ok", summary: {}, rows: [{ path: "reports/STATUS.md", status: "committed" }] });
 * const parsed = parseCommandReport(text);
 * console.assert(parsed.ok && parsed.value.command === "report");
 * ```
 */
export function parseCommandReport(text: string): ParseResult<CommandReport> {
  return parseJsonWith(CommandReportSchema, text);
}
