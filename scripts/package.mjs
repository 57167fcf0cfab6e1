// npm run package: a release to carry on a USB stick, in dist/ (git-ignored):
//   dist/yanpan-cli/  the CLI as one bundled file (yanpan.mjs) plus its runtime assets (the import worker,
//                     tinypool's thread entry, sql.js's WebAssembly): `node yanpan.mjs …` with a stock
//                     Node and no node_modules (see README “离线发布包”);
//   dist/yanpan-web/  the static web app (the task pane and the standalone page), built by webpack.
// Options: --cli or --web builds only that part; --dist DIR builds into DIR instead of dist/ (tests).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dist = path.resolve(arg('--dist') ?? 'dist');
const parts = process.argv.includes('--cli')
  ? ['cli']
  : process.argv.includes('--web')
    ? ['web']
    : ['cli', 'web'];

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (parts.includes('cli')) {
  const out = path.join(dist, 'yanpan-cli');
  rmSync(out, { recursive: true, force: true });
  run(['scripts/build-cli.mjs', '--standalone', '--outdir', out]);
  process.stdout.write(`命令行程序：${out}${path.sep}yanpan.mjs\n`);
}
if (parts.includes('web')) {
  const out = path.join(dist, 'yanpan-web');
  const webpack = createRequire(import.meta.url).resolve('webpack-cli/bin/cli.js');
  run([webpack, '--mode', 'production', '--output-path', out]);
  process.stdout.write(`网页版：${out}\n`);
}
