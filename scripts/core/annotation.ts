/** Where in a file something is. Lines and columns are 1-based. */
export interface SourcePosition {
  /** Path relative to the working directory. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** A problem pinned to a file position: an annotation in GitHub, a line in the terminal. */
export interface Annotation {
  /** `error` fails the check; `warning` and `notice` inform. */
  level: "error" | "warning" | "notice";
  /** What is wrong. */
  message: string;
  /** A short title for the annotation. */
  title?: string;
  /** Where it is. */
  position?: SourcePosition;
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Renders an annotation as a GitHub workflow command (`::error file=…::msg`).
 *
 * @param annotation The annotation.
 * @returns One workflow-command line.
 * @example
 * ```ts
 * import { toWorkflowCommand } from "./annotation.ts";
 * const line = toWorkflowCommand({ level: "error", message: "Bad cron", position: { file: "a.yml", line: 3, column: 5 } });
 * console.assert(line === "::error file=a.yml,line=3,col=5::Bad cron");
 * ```
 */
export function toWorkflowCommand(annotation: Annotation): string {
  const props: string[] = [];
  if (annotation.title !== undefined) props.push(`title=${escapeProperty(annotation.title)}`);
  if (annotation.position !== undefined) {
    const { file, line, column } = annotation.position;
    props.push(`file=${escapeProperty(file)}`, `line=${line}`, `col=${column}`);
  }
  return `::${annotation.level}${props.length > 0 ? ` ${props.join(",")}` : ""}::${escapeData(annotation.message)}`;
}

/**
 * Renders an annotation for a terminal, compiler style: `file:line:col: error: message`.
 *
 * @param annotation The annotation.
 * @returns One line.
 * @example
 * ```ts
 * import { toTerminalLine } from "./annotation.ts";
 * console.assert(toTerminalLine({ level: "warning", message: "Unset" }) === "warning: Unset");
 * ```
 */
export function toTerminalLine(annotation: Annotation): string {
  const where = annotation.position === undefined
    ? ""
    : `${annotation.position.file}:${annotation.position.line}:${annotation.position.column}: `;
  return `${where}${annotation.level}: ${annotation.message}`;
}
