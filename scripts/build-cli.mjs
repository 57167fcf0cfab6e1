// Bundles the Node entry points (CLI, import worker, benchmark) with esbuild.
// Packages stay external: node_modules is resolved at run time.
// Each output is written to a temporary name and renamed, so a CLI started while a rebuild runs (parallel
// test files) never loads a half-written bundle. `--outdir DIR` builds elsewhere (private test builds).
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : 'build';

const entries = {
  cli: 'importer/src/cli.ts',
  worker: 'importer/src/worker.ts',
  bench: 'bench/bench.ts',
  'store-bench': 'bench/store-bench.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const result = await build({
  entryPoints,
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  write: false,
  banner: {
    js: "import { createRequire as __yanpanCreateRequire } from 'node:module'; const require = __yanpanCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

mkdirSync(outdir, { recursive: true });
for (const file of result.outputFiles) {
  const tmp = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${process.pid}.tmp`);
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
