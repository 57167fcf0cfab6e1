// Bundles the Node entry points (CLI, import worker, benchmarks) with esbuild, and copies sql.js's
// WebAssembly file (the store's SQLite engine, importer/src/store/file.ts) beside them.
// Packages stay external: node_modules is resolved at run time.
// Each output is written to a temporary name and renamed, so a CLI started while a rebuild runs (parallel
// test files) never loads a half-written bundle. `--outdir DIR` builds elsewhere (private test builds).
// `--standalone` (npm run package, scripts/package.mjs): the CLI as yanpan.mjs and its worker with every
// package bundled in, runnable by a stock `node` with no node_modules anywhere.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : 'build';
const standalone = process.argv.includes('--standalone');

const entries = standalone
  ? { yanpan: 'importer/src/cli.ts', worker: 'importer/src/worker.ts' }
  : {
      cli: 'importer/src/cli.ts',
      worker: 'importer/src/worker.ts',
      bench: 'bench/bench.ts',
      'store-bench': 'bench/store-bench.ts',
    };
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

// Bundled CommonJS packages (standalone) expect require, __filename and __dirname. Bundled, their code no
// longer sits in node_modules, where Node keeps its deprecation warnings to itself (archiver's `new
// Buffer()`): a user of the released CLI gets none either.
const shims = [
  "import { createRequire as __yanpanCreateRequire } from 'node:module';",
  'const require = __yanpanCreateRequire(import.meta.url);',
  ...(standalone
    ? [
        "import { fileURLToPath as __yanpanFileURLToPath } from 'node:url';",
        'const __filename = __yanpanFileURLToPath(import.meta.url);',
        "const __dirname = __yanpanFileURLToPath(new URL('.', import.meta.url));",
        'process.noDeprecation = true;',
      ]
    : []),
];

const result = await build({
  entryPoints,
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  ...(standalone ? { minify: true, legalComments: 'none' } : { packages: 'external', sourcemap: true }),
  write: false,
  banner: { js: shims.join(' ') },
  logLevel: 'warning',
});

const require = createRequire(import.meta.url);
const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
const files = [
  ...result.outputFiles.map((f) => ({ path: f.path, contents: f.contents })),
  { path: path.resolve(outdir, 'sql-wasm.wasm'), contents: readFileSync(wasm) },
];
if (standalone) {
  // tinypool starts its threads on its own entry file, found beside its code (now yanpan.mjs):
  // entry/worker.js, an ES module (entry/package.json says so).
  const tinypoolEntry = path.join(path.dirname(require.resolve('tinypool')), 'entry', 'worker.js');
  const entry = await build({
    entryPoints: [tinypoolEntry],
    outfile: path.join(outdir, 'entry', 'worker.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  files.push(...entry.outputFiles.map((f) => ({ path: f.path, contents: f.contents })), {
    path: path.resolve(outdir, 'entry', 'package.json'),
    contents: '{ "type": "module" }\n',
  });
}
for (const file of files) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  const tmp = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${process.pid}.tmp`);
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
