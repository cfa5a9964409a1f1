import { parseManifest, parseRunResults, parseSources } from "../dbt/mod.ts";
import type { ArtifactRead, DbtArtifactsPort, DbtManifestSource, DbtRunResults, DbtSourceFreshness } from "./types.ts";

type Read = (path: string) => Promise<string | undefined>;

function unusable<T>(reason: string, exists: boolean): ArtifactRead<T> {
  return { ok: false, reason: exists ? "invalid" : "missing", message: reason };
}

/**
 * dbt's artifacts read from target folders (dbt's `--target-path`; `adops dbt`
 * gives each step its own), with the dbt domain's valibot readers. With
 * several folders the newest file of each kind wins (by `generated_at`);
 * run_results.json written by commands that run nothing (`docs generate`,
 * `compile`) still reads, and the evaluator rejects it.
 *
 * @param read Reads a file's text, or undefined when it does not exist.
 * @param dirs Target folders, e.g. `dbt/target` or the step folders of one run.
 * @returns The port.
 * @example
 * ```ts ignore
 * const port = createDbtArtifactsFromTarget((p) => ctx.files.tryReadText(p), ["dbt/target"]);
 * ```
 */
export function createDbtArtifactsFromTarget(read: Read, dirs: readonly string[]): DbtArtifactsPort {
  async function newest<T>(name: string, parse: (text: string | undefined) => { ok: true; value: T } | { ok: false; reason: string }, at: (value: T) => number): Promise<ArtifactRead<T>> {
    let best: T | undefined;
    let problem: string | undefined;
    let exists = false;
    for (const dir of dirs) {
      const text = await read(`${dir}/${name}`);
      if (text === undefined) continue;
      exists = true;
      const parsed = parse(text);
      if (!parsed.ok) {
        problem = `${dir}/${name}: ${parsed.reason}`;
        continue;
      }
      if (best === undefined || at(parsed.value) > at(best)) best = parsed.value;
    }
    if (best !== undefined) return { ok: true, value: best };
    return unusable(problem ?? `No ${name} in ${dirs.map((d) => `'${d}'`).join(", ")}`, exists);
  }
  return {
    async readRunResults() {
      const read = await newest("run_results.json", parseRunResults, (r) => Date.parse(r.metadata.generated_at));
      if (!read.ok) return read;
      const r = read.value;
      const value: DbtRunResults = {
        generatedAt: Date.parse(r.metadata.generated_at),
        invocationId: r.metadata.invocation_id ?? "",
        which: r.args.which,
        results: r.results.map((n) => ({ uniqueId: n.unique_id, status: n.status, message: n.message ?? undefined })),
      };
      return { ok: true, value };
    },
    async readSourceFreshness() {
      const read = await newest("sources.json", parseSources, (s) => Date.parse(s.metadata.generated_at));
      if (!read.ok) return read;
      const value: DbtSourceFreshness = {
        generatedAt: Date.parse(read.value.metadata.generated_at),
        results: read.value.results.map((s) => {
          const at = s.max_loaded_at === undefined ? NaN : Date.parse(s.max_loaded_at);
          return { uniqueId: s.unique_id, status: s.status, maxLoadedAt: Number.isNaN(at) ? undefined : at };
        }),
      };
      return { ok: true, value };
    },
    async readFreshnessSources() {
      const read = await newest("manifest.json", parseManifest, (m) => Date.parse(m.metadata.generated_at ?? "") || 0);
      if (!read.ok) return read;
      const value: DbtManifestSource[] = Object.values(read.value.sources)
        .filter((s) => s.freshness?.warn_after?.count != null || s.freshness?.error_after?.count != null)
        .map((s) => ({ uniqueId: s.unique_id, schema: undefined, tenant: undefined }));
      return { ok: true, value };
    },
  };
}
