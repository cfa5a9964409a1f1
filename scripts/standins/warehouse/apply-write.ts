import type { RawTable } from "./generate-raw-data.ts";

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * A final table's rows after one more sync, in memory, the way the destination writes it
 * (load_jsonl.py does the same in DuckDB): `overwrite` keeps only the sync's rows, `append`
 * adds them, `append_dedup` keeps one row per primary key, the one with the greatest
 * cursor, ties going to the latest `_airbyte_extracted_at` and then to the newer sync.
 *
 * @param existing The table's rows before the sync.
 * @param sync The sync's rows for the table, with its write settings.
 * @returns The rows after it.
 * @example
 * ```ts
 * import { applyWrite } from "./apply-write.ts";
 * const write = { mode: "append_dedup" as const, primaryKey: ["id"], cursor: ["day"] };
 * const rows = applyWrite([{ id: 1, day: "2026-01-01", n: 1 }], { schema: "s", table: "t", columns: {}, rows: [{ id: 1, day: "2026-01-01", n: 2 }], write });
 * console.assert(rows.length === 1 && rows[0]?.n === 2);
 * ```
 */
export function applyWrite(existing: readonly Record<string, unknown>[], sync: RawTable): Record<string, unknown>[] {
  const write = sync.write ?? { mode: "append", primaryKey: [], cursor: [] };
  if (write.mode === "overwrite") return [...sync.rows];
  if (write.mode === "append" || write.primaryKey.length === 0) return [...existing, ...sync.rows];
  const kept = new Map<string, Record<string, unknown>>();
  for (const row of [...existing, ...sync.rows]) {
    const key = write.primaryKey.map((k) => String(row[k] ?? "\u0000")).join("\u0001");
    const current = kept.get(key);
    if (current === undefined) {
      kept.set(key, row);
      continue;
    }
    const byCursor = write.cursor.reduce((n, c) => n || compare(row[c], current[c]), 0);
    const byExtraction = compare(row._airbyte_extracted_at, current._airbyte_extracted_at);
    if (byCursor > 0 || (byCursor === 0 && byExtraction >= 0)) kept.set(key, row);
  }
  return [...kept.values()];
}
