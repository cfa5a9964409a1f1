// Bundles every actions/<name>/main.ts into actions/<name>/dist/index.js with
// esbuild (ESM, node24, a createRequire banner for CJS dependencies that
// require builtins). With --check, fails when a committed bundle is stale.
import { build } from "esbuild";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import process from "node:process";

const check = process.argv.includes("--check");
const names = (await readdir("actions", { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const stale: string[] = [];
for (const name of names) {
  const entry = `actions/${name}/main.ts`;
  if (!(await readFile(entry, "utf8").then(() => true, () => false))) continue;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    write: false,
    legalComments: "none",
    logLevel: "error",
    banner: { js: "import { createRequire as __adopsCreateRequire } from 'node:module';\nconst require = __adopsCreateRequire(import.meta.url);" },
  });
  const text = result.outputFiles[0]?.text ?? "";
  const target = `actions/${name}/dist/index.js`;
  const have = await readFile(target, "utf8").catch(() => undefined);
  if (have === text) continue;
  if (check) stale.push(target);
  else {
    await mkdir(`actions/${name}/dist`, { recursive: true });
    await writeFile(target, text);
    console.error(`bundled ${target} (${(text.length / 1024).toFixed(0)} KiB)`);
  }
}
if (stale.length > 0) {
  console.error(`Action bundles are stale: ${stale.join(", ")}\nRun 'npm run bundle' and commit actions/*/dist`);
  process.exit(1);
}
if (check) console.error(`${names.length} action bundles are fresh`);
