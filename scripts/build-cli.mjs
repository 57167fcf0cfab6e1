// Bundles the Node entry points (CLI, import worker, benchmark) with esbuild.
// Packages stay external: node_modules is resolved at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'importer/src/cli.ts',
  worker: 'importer/src/worker.ts',
  bench: 'bench/bench.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

await build({
  entryPoints,
  outdir: 'build',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  banner: {
    js: "import { createRequire as __yanpanCreateRequire } from 'node:module'; const require = __yanpanCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
