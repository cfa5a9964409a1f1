import * as v from "valibot";
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
 * Parses a run report file's text.
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
