import type { ConfigProblem } from "./problem.ts";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * Renders validation problems as a Markdown job summary: a heading with the
 * verdict and one table row per problem (file:line, level, message, hint).
 *
 * @param problems The problems.
 * @param options The config folder, verdict and tenant count.
 * @returns Markdown.
 * @example
 * ```ts
 * import { renderValidationSummary } from "./validation-summary.ts";
 * const md = renderValidationSummary([], { configDir: "config", ok: true, tenants: 3 });
 * console.assert(md.includes("valid"));
 * ```
 */
export function renderValidationSummary(
  problems: readonly ConfigProblem[],
  options: { configDir: string; ok: boolean; tenants: number },
): string {
  const errors = problems.filter((p) => p.level === "error").length;
  const warnings = problems.length - errors;
  const head = options.ok
    ? `## ✅ Config \`${options.configDir}\` is valid (${options.tenants} tenants, ${warnings} warnings)`
    : `## ❌ Config \`${options.configDir}\` has ${errors} error(s) and ${warnings} warning(s)`;
  if (problems.length === 0) return `${head}\n`;
  const rows = problems.map((p) => {
    const where = p.position ? `\`${p.position.file}:${p.position.line}:${p.position.column}\`` : "env";
    return `| ${where} | ${p.level} | ${cell(p.message)} | ${cell(p.hint)} |`;
  });
  return [head, "", "| where | level | problem | how to fix |", "| --- | --- | --- | --- |", ...rows, ""].join("\n");
}
