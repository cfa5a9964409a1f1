// The CLI's prebuilt bundle: scripts/adops.ts and everything it imports, bundled
// by esbuild into .adops/cli/<build>/ (ES modules, one chunk per lazily loaded
// command), so `adops` starts without compiling TypeScript. Never committed.
// .adops/cli/manifest.json names the entry and the sources it was built from;
// the bundle is fresh while none of them is newer than the build.
// Plain JavaScript: the bin and scripts/setup.mjs load it before tsx is there.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (this file is scripts/bin/cli-bundle.mjs). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIR = join(ROOT, ".adops", "cli");
const MANIFEST = join(DIR, "manifest.json");
// Besides the sources esbuild read: a dependency upgrade changes these.
const ALSO = ["package-lock.json", "node_modules/.package-lock.json", "scripts/bin/cli-bundle.mjs"];

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

function readManifest(dir = DIR) {
  try {
    return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The file URL of the bundle's entry when the bundle is there and no source it
 * was built from changed since; otherwise undefined.
 *
 * @param dir Where the bundle is. @default .adops/cli
 * @returns The entry's URL, or undefined.
 */
export function freshBundle(dir = DIR) {
  const manifest = readManifest(dir);
  if (manifest === undefined || typeof manifest.entry !== "string" || !Array.isArray(manifest.inputs)) return undefined;
  for (const input of manifest.inputs) if (mtime(join(ROOT, input)) > manifest.builtAt) return undefined;
  const entry = join(dir, manifest.entry);
  return existsSync(entry) ? pathToFileURL(entry).href : undefined;
}

// A bundled file's import.meta.url is the bundle's: files that find their
// neighbours through it (standins/warehouse/duckdb-raw-loader.ts) keep their own.
const keepImportMetaUrl = {
  name: "keep-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /[\\/]scripts[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  },
};

/**
 * Builds the bundle into a new .adops/cli/<build>/ and points the manifest at
 * it (written whole, then renamed, so a concurrent `adops` sees the old bundle
 * or the new one). Keeps the previous build, for runs still loading from it.
 *
 * @returns The file URL of the new entry.
 * @throws When esbuild is not installed or the build fails.
 */
export async function buildCliBundle() {
  const { build } = await import("esbuild");
  mkdirSync(DIR, { recursive: true });
  const builtAt = Date.now();
  const id = `${builtAt.toString(36)}-${process.pid}`;
  const outdir = join(DIR, id);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { adops: "scripts/adops.ts" },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    metafile: true,
    // Less to parse at start (about 10% off a command's first I/O); names stay, for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    logLevel: "silent",
    plugins: [keepImportMetaUrl],
    banner: { js: "import { createRequire as __adopsCreateRequire } from 'node:module';\nconst require = __adopsCreateRequire(import.meta.url);" },
  });
  const inputs = [...Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("node_modules/")), ...ALSO];
  const previous = readManifest();
  const temporary = `${MANIFEST}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify({ entry: `${id}/adops.mjs`, builtAt, inputs }, null, 1)}\n`);
  renameSync(temporary, MANIFEST);
  const keep = new Set([id, typeof previous?.entry === "string" ? previous.entry.split("/")[0] : ""]);
  for (const dirent of readdirSync(DIR, { withFileTypes: true })) {
    if (dirent.isDirectory() && !keep.has(dirent.name)) rmSync(join(DIR, dirent.name), { recursive: true, force: true });
  }
  return pathToFileURL(join(outdir, "adops.mjs")).href;
}

/**
 * The fresh bundle's entry, building it first when it is missing or stale.
 *
 * @returns The entry's URL, or undefined when it cannot be built (no esbuild, a
 *   read-only checkout): the caller then runs the sources through tsx.
 */
export async function ensureCliBundle() {
  const fresh = freshBundle();
  if (fresh !== undefined) return fresh;
  try {
    return await buildCliBundle();
  } catch {
    return undefined;
  }
}
