// Runs one of the numbered examples in examples/: `npm run example -- 1` (or a file name). The example is
// bundled with esbuild to build/examples/ (packages stay external) and run with node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const arg = process.argv[2];
const files = readdirSync('examples')
  .filter((f) => /^\d\d-.*\.ts$/.test(f))
  .sort();
const pick = arg
  ? files.find((f) => f === arg || f === path.basename(arg) || f.startsWith(arg.padStart(2, '0') + '-'))
  : undefined;
if (!pick) {
  process.stdout.write(
    `用法：npm run example -- <编号>\n\n示例：\n${files.map((f) => `  ${f}`).join('\n')}\n`,
  );
  process.exit(arg ? 2 : 0);
}
const outfile = path.join('build', 'examples', pick.replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [path.join('examples', pick)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
