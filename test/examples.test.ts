// Every numbered example in examples/ runs (through `npm run example`'s runner) and writes what it says,
// so the examples never rot. They import only the public entry (templates/src/index.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { has, tempDir } from './helpers/tools';

const ROOT = path.join(__dirname, '..');
const examples = readdirSync(path.join(ROOT, 'examples')).filter((f) => /^\d\d-.*\.ts$/.test(f));

function run(file: string, arg: string) {
  return spawnSync(process.execPath, ['scripts/run-example.mjs', file, arg], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('examples', () => {
  it('there are examples, and each imports only the public entry', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const f of examples) {
      const src = readFileSync(path.join(ROOT, 'examples', f), 'utf8');
      const core = [...src.matchAll(/from '([^']*templates\/src[^']*)'/g)].map((m) => m[1]);
      expect(core.length, f).toBeGreaterThan(0);
      for (const spec of core) expect(spec, f).toBe('../templates/src/index');
    }
  });

  it.each(examples.filter((f) => !f.startsWith('04-')))('%s runs and writes a .docx', (file) => {
    const tmp = tempDir();
    try {
      const out = path.join(tmp.dir, 'out.docx');
      const r = run(file, out);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('已生成');
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    } finally {
      tmp.cleanup();
    }
  });

  it.skipIf(!(has('soffice') && has('pdftoppm')))('04-sample-pages renders page images', () => {
    const tmp = tempDir();
    try {
      const r = run(
        examples.find((f) => f.startsWith('04-'))!,
        tmp.dir,
      );
      expect(r.status, r.stderr).toBe(0);
      for (const name of [
        'report-sample-1.png',
        'report-sample-2.png',
        'report-sample-appendix.png',
        'report-sample-self-inspection.png',
        'report-sample-summary.png',
        'report-sample-summary-appendix.png',
      ]) {
        const p = path.join(tmp.dir, name);
        expect(existsSync(p), name).toBe(true);
        expect(statSync(p).size).toBeGreaterThan(1000);
      }
    } finally {
      tmp.cleanup();
    }
  });
});
