import type { SourcePosition } from "../core/mod.ts";

/** One problem found in the configuration. */
export interface ConfigProblem {
  /** Errors fail validation; warnings do not (unless promoted by --production). */
  level: "error" | "warning";
  /** A stable code, e.g. `schema`, `cron`, `timezone`, `duplicate-slug`, `inline-secret`. */
  code: string;
  /** What is wrong, quoting the value (never a secret's value). */
  message: string;
  /** How to fix it. */
  hint: string;
  /** Where it is (file relative to the working directory). */
  position?: SourcePosition;
}

/**
 * Formats a problem as `file:line:col: error: message` plus an indented hint.
 *
 * @param problem The problem.
 * @returns Two lines.
 * @example
 * ```ts
 * import { formatProblem } from "./problem.ts";
 * const text = formatProblem({ level: "error", code: "cron", message: "Bad", hint: "Fix", position: { file: "a.yml", line: 1, column: 2 } });
 * console.assert(text.startsWith("a.yml:1:2: error: Bad"));
 * ```
 */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.position ? `${problem.position.file}:${problem.position.line}:${problem.position.column}: ` : "";
  return `${where}${problem.level}: ${problem.message}\n    hint: ${problem.hint}`;
}
