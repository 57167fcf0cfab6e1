// A private build of the CLI and the import worker for the importer's tests. `node scripts/build-cli.mjs`
// rewrites build/*.mjs in place, and other test files run it concurrently; a CLI or a worker thread
// loading a half-written bundle would fail for reasons unrelated to the test. Each test file therefore
// bundles into its own folder under build/ (inside the repository, so node_modules resolves).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

export async function privateBuild(): Promise<{ cli: string; worker: string; cleanup: () => void }> {
  const outdir = path.join(ROOT, 'build', `.test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  await build({
    entryPoints: {
      cli: path.join(ROOT, 'importer/src/cli.ts'),
      worker: path.join(ROOT, 'importer/src/worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    banner: {
      js: "import { createRequire as __yanpanCreateRequire } from 'node:module'; const require = __yanpanCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return {
    cli: path.join(outdir, 'cli.mjs'),
    worker: path.join(outdir, 'worker.mjs'),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
