// A private build of the CLI and the import worker for the tests that run the CLI. `node scripts/build-cli.mjs`
// rewrites build/*.mjs, and other test files run it concurrently; a CLI or a worker thread started from
// a bundle that another test file is rebuilding from different sources would fail for reasons unrelated
// to the test. Each test file therefore runs the same build script (same esbuild options) into its own
// folder under build/ (inside the repository, so node_modules resolves).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..');

export async function privateBuild(): Promise<{ cli: string; worker: string; cleanup: () => void }> {
  const outdir = path.join(ROOT, 'build', `.test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'scripts', 'build-cli.mjs'), '--outdir', outdir],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
  } catch (e) {
    rmSync(outdir, { recursive: true, force: true });
    const stderr = (e as { stderr?: string }).stderr;
    throw new Error(`scripts/build-cli.mjs --outdir ${outdir} failed${stderr ? `:\n${stderr}` : ''}`, {
      cause: e,
    });
  }
  return {
    cli: path.join(outdir, 'cli.mjs'),
    worker: path.join(outdir, 'worker.mjs'),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
