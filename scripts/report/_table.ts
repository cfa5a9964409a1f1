// Private helpers shared by the renderers: column order and cell text.

/** Columns of a set of rows: keys in first-seen order. */
export function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** A value as plain text: strings as they are, null/undefined empty, objects as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A value for a Markdown table cell: pipes escaped, newlines as `<br>`, at most `max` characters. */
export function markdownCell(value: unknown, max = 200): string {
  let text = cellText(value);
  if (text.length > max) text = `${text.slice(0, max - 1)}…`;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** One Markdown table row. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** A Markdown table; an empty header list gives an empty string. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (header.length === 0) return "";
  return [markdownRow(header), markdownRow(header.map(() => "---")), ...rows.map(markdownRow)].join("\n");
}

/** A short label for a row: tenant and the first naming field (connection, node, check, ...). */
export function rowLabel(row: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ["tenant", "tenant_id"]) if (typeof row[key] === "string") { parts.push(row[key] as string); break; }
  for (const key of ["connection", "connection_name", "subject", "template", "node", "unique_id", "check", "platform", "name", "id"]) {
    if (typeof row[key] === "string" || typeof row[key] === "number") {
      parts.push(String(row[key]));
      break;
    }
  }
  return parts.join("/");
}

/** The human message of a row: `message`, `error`, `detail` or `reason`. */
export function rowMessage(row: Record<string, unknown>): string | undefined {
  for (const key of ["message", "error", "detail", "reason"]) {
    const value = row[key];
    if (typeof value === "string" && value !== "") return value;
    if (value !== null && typeof value === "object" && typeof (value as { message?: unknown }).message === "string") return (value as { message: string }).message;
  }
  return undefined;
}
