// The layout's import rules as code (scripts/README.md draws them). Pure: it
// takes file paths and their text and returns the arrows the layout forbids.

/** The domain folders: pure code that takes its ports as parameters. */
export const DOMAINS = ["config", "airbyte", "sync", "dbt", "orchestrator", "health", "report", "commit", "notify", "ops"] as const;

/** One forbidden arrow. */
export interface BoundaryViolation {
  /** The importing file, relative to the repository root. */
  file: string;
  /** 1-based line of the import. */
  line: number;
  /** The import specifier as written. */
  specifier: string;
  /** Which rule it breaks. */
  rule: string;
}

/** A file to check: its path relative to the repository root, and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*"([^"]+)"|(?:^|[\s;])import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g;

/**
 * The relative import specifiers of a file, with their 1-based lines.
 *
 * @param text The file's text.
 * @returns Each relative specifier and its line.
 * @example
 * ```ts
 * import { relativeImports } from "./import-boundaries.ts";
 * const found = relativeImports('import { a } from "../core/mod.ts";\nimport "node:fs";');
 * console.assert(found.length === 1 && found[0]?.line === 1);
 * ```
 */
export function relativeImports(text: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  // Doc comments hold examples, not imports: blank them, keeping the lines.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  for (const match of code.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier === undefined || !specifier.startsWith(".")) continue;
    const at = (match.index ?? 0) + match[0].indexOf(`"${specifier}"`);
    found.push({ specifier, line: code.slice(0, at).split("\n").length });
  }
  return found;
}

function resolve(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const piece of specifier.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

/** The folder right under `scripts/` a path lives in (`adops.ts` has none). */
function areaOf(path: string): string | undefined {
  const parts = path.split("/");
  return parts[0] === "scripts" && parts.length > 2 ? parts[1] : undefined;
}

/** Tests and their fakes (`testing.ts`) may use the runtime's implementations and the stand-ins. */
function isTestSupport(path: string): boolean {
  return path.endsWith(".test.ts") || path.endsWith("/testing.ts");
}

/**
 * Checks every import against the layout:
 * - `core/` imports nothing of the project;
 * - `runtime/` imports only `core/`;
 * - a domain imports no `cli/`, `commands/`, `runtime/` or `standins/` file (its tests and
 *   `testing.ts` may use the runtime's implementations and the stand-ins, never `cli/` or `commands/`);
 * - `standins/` (servers and data for the demo and tests) never import `cli/` or `commands/`;
 * - a file outside a folder that has a `mod.ts` imports that folder through `mod.ts`
 *   (or its `testing.ts`, the fakes for tests), never a file deeper inside; `cli/` and
 *   `commands/` are the roof, where each file is an entry point of its own.
 *
 * @param files Every file to check, with its text.
 * @returns The violations, in file order.
 * @example
 * ```ts
 * import { checkImportBoundaries } from "./import-boundaries.ts";
 * const found = checkImportBoundaries([
 *   { path: "scripts/sync/run.ts", text: 'import { ExitCode } from "../cli/exit-codes.ts";' },
 *   { path: "scripts/cli/exit-codes.ts", text: "" },
 * ]);
 * console.assert(found.length === 1 && found[0]?.rule.startsWith("A domain"));
 * ```
 */
export function checkImportBoundaries(files: readonly SourceFile[]): BoundaryViolation[] {
  const paths = new Set(files.map((f) => f.path));
  const hasMod = (folder: string) => paths.has(`${folder}/mod.ts`);
  const domains = new Set<string>(DOMAINS);
  const violations: BoundaryViolation[] = [];
  for (const file of files) {
    const from = areaOf(file.path);
    for (const { specifier, line } of relativeImports(file.text)) {
      const target = resolve(file.path, specifier);
      const to = areaOf(target);
      const add = (rule: string) => violations.push({ file: file.path, line, specifier, rule });
      if (target.startsWith("node_modules/")) continue;
      if (from === "core" && to !== "core") add("core/ imports nothing of the project");
      else if (from === "runtime" && to !== "runtime" && to !== "core") add("runtime/ imports only core/");
      else if (from !== undefined && domains.has(from) && (to === "cli" || to === "commands")) add(`A domain never imports ${to}/`);
      else if (from !== undefined && domains.has(from) && !isTestSupport(file.path) && (to === "runtime" || to === "standins")) {
        add(`A domain never imports a ${to === "runtime" ? "runtime implementation" : "stand-in"} (take the port as a parameter)`);
      } else if (from === "standins" && (to === "cli" || to === "commands")) add(`standins/ never import ${to}/`);
      // cli/ and commands/ are the roof: each file is an entry point of its own.
      if (to === undefined || to === from || to === "cli" || to === "commands") continue;
      const folder = `scripts/${to}`;
      const rest = target.slice(folder.length + 1);
      if (hasMod(folder) && rest !== "mod.ts" && rest !== "testing.ts") add(`Import ${to}/ through its mod.ts, not '${rest}'`);
    }
  }
  return violations;
}
