import { parseArgs } from "node:util";
import { UsageError } from "../core/mod.ts";

/** One command-line option. */
export interface OptionSpec {
  /** `string` takes a value; `boolean` is a switch. */
  type: "string" | "boolean";
  /** What it does, shown by `--help`. */
  description: string;
  /** One-letter alias. */
  short?: string;
  /** Whether it may be given more than once (string options only). */
  multiple?: boolean;
  /** Placeholder for the value in `--help`, e.g. `<dir>`. */
  valueName?: string;
  /** Allowed values (string options only). */
  choices?: readonly string[];
  /** Default shown in `--help` and applied when the option is absent. */
  default?: string | boolean;
}

/** The options of a command, by long name. */
export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed value of one option. */
export type OptionValue<S extends OptionSpec> = S["type"] extends "boolean" ? boolean
  : S["multiple"] extends true ? string[]
  : S["default"] extends string ? string
  : string | undefined;

/** Parsed command-line options. */
export type ParsedOptions<O extends OptionSpecs> = { [K in keyof O]: OptionValue<O[K]> };

/**
 * Parses argv against option specs. Unknown options, missing values and values
 * outside `choices` are {@link UsageError}s.
 *
 * @param argv The arguments after the command name.
 * @param specs The options.
 * @returns The option values and the positionals.
 * @throws {UsageError} On any invalid argument.
 * @example
 * ```ts
 * import { parseOptions } from "./args.ts";
 * const { values } = parseOptions(["--json"], { json: { type: "boolean", description: "JSON" } });
 * console.assert(values.json === true);
 * ```
 */
export function parseOptions<O extends OptionSpecs>(
  argv: readonly string[],
  specs: O,
): { values: ParsedOptions<O>; positionals: string[] } {
  const config: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    config[name] = {
      type: spec.type,
      ...(spec.short === undefined ? {} : { short: spec.short }),
      ...(spec.multiple === undefined ? {} : { multiple: spec.multiple }),
    };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
    throw new UsageError(`Invalid arguments: ${message.replace(/\.$/, "")}`);
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    let value = parsed.values[name];
    if (value === undefined) value = spec.type === "boolean" ? (spec.default ?? false) : spec.multiple ? [] : spec.default;
    if (spec.choices !== undefined && typeof value === "string" && !spec.choices.includes(value)) {
      throw new UsageError(
        `Invalid value '${value}' for --${name}`,
        `Use one of: ${spec.choices.join(", ")}`,
      );
    }
    values[name] = value;
  }
  return { values: values as ParsedOptions<O>, positionals: parsed.positionals };
}

/**
 * Renders the options of a command as `--help` text.
 *
 * @param specs The options.
 * @returns Aligned lines.
 * @example
 * ```ts
 * import { formatOptions } from "./args.ts";
 * console.assert(formatOptions({ json: { type: "boolean", description: "JSON" } }).includes("--json"));
 * ```
 */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.type === "string" ? ` ${spec.valueName ?? "<value>"}` : ""}`;
    const extra = [
      spec.choices ? `one of ${spec.choices.join("|")}` : "",
      spec.default !== undefined && spec.default !== false ? `default: ${String(spec.default)}` : "",
      spec.multiple ? "repeatable" : "",
    ].filter(Boolean).join("; ");
    return [flag, `${spec.description}${extra ? ` (${extra})` : ""}`] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length), 10) + 2;
  return rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`).join("\n");
}
