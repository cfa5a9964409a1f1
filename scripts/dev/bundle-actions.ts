// Bundles every actions/<name>/main.ts into actions/<name>/dist/index.js with
// esbuild (ESM, node24, a createRequire banner for CJS dependencies that
// require builtins). With --check, fails when a committed bundle is stale.
import { build } from "esbuild";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
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
    metafile: true,
    banner: { js: "import { createRequire as __adopsCreateRequire } from 'node:module';\nconst require = __adopsCreateRequire(import.meta.url);" },
  });
  const text = result.outputFiles[0]?.text ?? "";
  // Files the code opens beside itself (`new URL("./x.py", import.meta.url)`) are
  // not bundled by esbuild: copy each next to dist/index.js, where the bundle looks.
  const outputs: { target: string; text: string }[] = [{ target: `actions/${name}/dist/index.js`, text }];
  const inputDirs = [...new Set(Object.keys(result.metafile?.inputs ?? {}).map((p) => dirname(p)))];
  for (const match of text.matchAll(/new URL\("\.\/([\w.-]+\.(?:py|sql|json))", import\.meta\.url\)/g)) {
    const asset = match[1] as string;
    let found: string | undefined;
    for (const dir of inputDirs) {
      found = await readFile(join(dir, asset), "utf8").catch(() => undefined);
      if (found !== undefined) break;
    }
    if (found === undefined) throw new Error(`Bundle of '${name}' opens './${asset}' beside itself, but no input folder has it`);
    outputs.push({ target: `actions/${name}/dist/${asset}`, text: found });
  }
  for (const output of outputs) {
    const have = await readFile(output.target, "utf8").catch(() => undefined);
    if (have === output.text) continue;
    if (check) stale.push(output.target);
    else {
      await mkdir(`actions/${name}/dist`, { recursive: true });
      await writeFile(output.target, output.text);
      console.error(`bundled ${output.target} (${(output.text.length / 1024).toFixed(0)} KiB)`);
    }
  }
}
if (stale.length > 0) {
  console.error(`Action bundles are stale: ${stale.join(", ")}\nRun 'npm run bundle' and commit actions/*/dist`);
  process.exit(1);
}
if (check) console.error(`${names.length} action bundles are fresh`);
