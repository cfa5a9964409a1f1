import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringifyWithBigInts } from "./destination-layout.ts";
import type { RawTable } from "./generate-raw-data.ts";
import type { RawLoadResult } from "./duckdb-raw-loader.ts";

/** A load plan written to a folder: the JSONL per table and `plan.json` for a loader script. */
export interface WrittenLoadPlan {
  planPath: string;
  records: number;
  bytes: number;
  written: NonNullable<RawLoadResult["written"]>;
}

/**
 * Writes one JSONL file per table and the `plan.json` the loader scripts (load_jsonl.py,
 * load_postgres.py) read: schema, table, columns (typed by `columnType`), file, write mode,
 * primary key and cursor (`replace` replaces every table).
 *
 * @param tables The rows per table.
 * @param options Folder, mode and the warehouse's column type for a layout type.
 * @returns Where the plan is and what it holds.
 */
export async function writeLoadPlan(
  tables: readonly RawTable[],
  options: { dir: string; mode: "append" | "replace"; columnType?: (type: string) => string },
): Promise<WrittenLoadPlan> {
  const columnType = options.columnType ?? ((type: string) => type);
  let bytes = 0;
  let records = 0;
  const plan = [];
  const written: WrittenLoadPlan["written"] = [];
  for (const [i, t] of tables.entries()) {
    const text = t.rows.map((row) => stringifyWithBigInts(row)).join("\n") + "\n";
    const size = new TextEncoder().encode(text).byteLength;
    bytes += size;
    records += t.rows.length;
    written.push({ schema: t.schema, table: t.table, ...(t.stream === undefined ? {} : { stream: t.stream }), records: t.rows.length, bytes: size });
    const file = join(options.dir, `${i}.jsonl`);
    await writeFile(file, text, "utf8");
    const write = options.mode === "replace" ? { mode: "replace", primary_key: [], cursor: [] } : { mode: t.write?.mode ?? "append", primary_key: t.write?.primaryKey ?? [], cursor: t.write?.cursor ?? [] };
    const columns = Object.fromEntries(Object.entries(t.columns).map(([name, type]) => [name, columnType(type)]));
    plan.push({ schema: t.schema, table: t.table, columns, file, ...write });
  }
  const planPath = join(options.dir, "plan.json");
  await writeFile(planPath, JSON.stringify({ tables: plan }), "utf8");
  return { planPath, records, bytes, written };
}
