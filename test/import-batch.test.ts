// The host-free import pipeline (importer/src/import/): it keeps out of Node (a lint rule, and a browser
// bundle of it that must build), its hashing gives node:crypto's digests, its name helpers behave as
// node:path, and run with the browser's kind of host (memory scratch and spool, in-thread checks,
// exceljs' in-memory writer) it gives the same outputs as `yanpan import` on the same folder.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256HexBytes, definition } from '../templates/src/index';
import { DEMO_AS_OF, DEMO_ISSUER, buildDemoSet } from '../importer/src/demo/generate';
import { runImport, type ImportSummary } from '../importer/src/folder/run-import';
import { importBatch } from '../importer/src/import/import-batch';
import { InlinePool } from '../importer/src/import/inline-pool';
import { ARCHIVE_LIMITS, MAX_FILE_BYTES } from '../importer/src/import/limits';
import { MemoryScratch, MemorySpool, portableSha256 } from '../importer/src/import/memory-host';
import { basename, extname, utf8Length } from '../importer/src/import/names';
import { sourcesOfFile, type Source } from '../importer/src/import/sources';
import type { BatchResult } from '../importer/src/import/batch-types';
import { folderOutputs, outputDigest, type OutputFiles } from './helpers/batch-outputs';
import { tempDir } from './helpers/tools';

const root = path.resolve(__dirname, '..');
const tmp = tempDir('yanpan-batch-');
afterAll(() => tmp.cleanup());

describe('the pipeline is host-free', () => {
  it('the lint rule refuses Node in importer/src/import/ (and the folder itself passes)', async () => {
    const eslint = new ESLint({ cwd: root });
    const lint = async (code: string) =>
      (await eslint.lintText(code, { filePath: path.join(root, 'importer/src/import/probe.ts') }))[0].messages
        .map((m) => m.ruleId)
        .filter(Boolean);
    expect(await lint("import { promises } from 'node:fs';\nexport const x = promises;\n")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await lint("import Tinypool from 'tinypool';\nexport const x = Tinypool;\n")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await lint("import { outputFs } from '../fsutil';\nexport const x = outputFs;\n")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await lint('export const x = process.env.HOME;\n')).toEqual(['no-restricted-globals']);
    expect(await lint('export const x = Buffer.from([1]);\n')).toEqual(['no-restricted-globals']);
    const results = await eslint.lintFiles(['importer/src/import/']);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`))).toEqual([]);
  });

  it('bundles for the browser with everything it imports (no Node built-in reachable)', async () => {
    const r = await build({
      stdin: {
        contents:
          "export * from './importer/src/import/import-batch';\nexport * from './importer/src/import/check-task';\n",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(r.errors).toEqual([]);
    expect(r.outputFiles[0].text).not.toMatch(/from\s*["']node:/);
  }, 60_000);

  it('SHA-256: WebCrypto, the pure implementation and node:crypto give the same digests', async () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003, 1_048_576]) {
      const bytes = new Uint8Array(randomBytes(n));
      const node = createHash('sha256').update(bytes).digest('hex');
      expect(sha256HexBytes(bytes), `pure, ${n} bytes`).toBe(node);
      expect(await portableSha256(bytes), `WebCrypto, ${n} bytes`).toBe(node);
    }
  });

  it('names: extname and basename as node:path, UTF-8 lengths as Buffer', () => {
    for (const n of [
      '...',
      '..',
      '.',
      'a.',
      'a..',
      '.a',
      '.a.b',
      'a.b.c',
      'x/y.z',
      'x.y/z',
      'a/',
      '收文.zip/x.XLSX',
    ])
      expect([extname(n), basename(n)], n).toEqual([path.posix.extname(n), path.posix.basename(n)]);
    for (const s of ['', 'abc', '市文联', 'é', '👨‍👩‍👧', 'a\ud800b', '\udc00', 'x\ud83d'])
      expect(utf8Length(s), JSON.stringify(s)).toBe(Buffer.byteLength(s));
  });
});

describe('the browser’s kind of host gives the CLI’s outputs', () => {
  const input = path.join(tmp.dir, '填报表');
  const rosterFile = path.join(tmp.dir, '单位名册.csv');
  const cliOut = path.join(tmp.dir, 'out');
  let cli: ImportSummary;
  let mem: BatchResult;
  let memScratch: MemoryScratch;

  beforeAll(async () => {
    const set = await buildDemoSet(definition);
    const files: { rel: string; bytes: Uint8Array; mtime: Date }[] = [...set.files];
    // A file that is not a submission, an Office lock file, a .zip holding one unit's workbook again.
    files.push({
      rel: '说明.txt',
      bytes: new TextEncoder().encode('请各单位按时报送。'),
      mtime: new Date(0),
    });
    files.push({
      rel: `~$${path.posix.basename(set.files[0].rel)}`,
      bytes: new Uint8Array(165),
      mtime: new Date(0),
    });
    for (const f of files) {
      const p = path.join(input, ...f.rel.split('/'));
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, f.bytes);
      utimesSync(p, f.mtime, f.mtime);
    }
    writeFileSync(rosterFile, set.rosterCsv);
    const common = { asOf: DEMO_AS_OF, issuer: DEMO_ISSUER, jobs: 2 };
    cli = await runImport({
      def: definition,
      ...common,
      inputDir: input,
      outDir: cliOut,
      roster: rosterFile,
    });

    // The page's way: files handed over with their bytes, read from memory.
    const sources: Source[] = [];
    for (const f of files) {
      const read = async () => ({ bytes: f.bytes.slice(), size: f.bytes.length, mtimeMs: f.mtime.getTime() });
      sources.push(
        ...(await sourcesOfFile(
          { rel: f.rel, read },
          { maxFileBytes: MAX_FILE_BYTES, archive: ARCHIVE_LIMITS },
        )),
      );
    }
    memScratch = new MemoryScratch();
    mem = await importBatch(
      sources,
      {
        def: definition,
        ...common,
        roster: { name: '单位名册.csv', bytes: new TextEncoder().encode(set.rosterCsv) },
        keepIssues: true,
      },
      {
        openPool: () => new InlinePool(),
        parallelism: 2,
        scratch: memScratch,
        openSpool: async () => new MemorySpool(),
        sha256: portableSha256,
      },
    );
  }, 240_000);

  it('the same summary: units, files, outputs and totals', () => {
    expect(cli.totals.workbooks).toBeGreaterThanOrEqual(30);
    expect(cli.totals.missing).toBe(1);
    expect(cli.totals.duplicates).toBe(2);
    expect(cli.totals.errors).toBeGreaterThan(0);
    const { units, files, outputs, totals } = mem.summary;
    expect(units).toEqual(cli.units);
    expect(files.map(({ issues: _, ...f }) => f)).toEqual(cli.files);
    expect({ ...outputs, dir: '' }).toEqual({ ...cli.outputs, dir: '' });
    expect(totals).toEqual(cli.totals);
    // Every file's issues are given when asked (the page lists them per unit).
    const coerced = files.find((f) => f.file.includes('市文联'))!;
    expect(coerced.issues!.map((i) => i.severity)).toEqual(['warning']);
  });

  it('the same outputs: tracking cell values, report texts, return-copy comments', async () => {
    const memFiles: OutputFiles = new Map(mem.outputs.map((o) => [o.path, memScratch.peek(o.key)!]));
    const a = await outputDigest(memFiles);
    const b = await outputDigest(folderOutputs(cliOut));
    expect(a.paths).toEqual(b.paths);
    expect((a.tracking as unknown[]).length).toBeGreaterThanOrEqual(7);
    expect(a.tracking).toEqual(b.tracking);
    expect(a.texts).toEqual(b.texts);
    expect(a.comments).toEqual(b.comments);
    expect(Object.keys(a.comments).length).toBeGreaterThan(0);
    expect(Object.keys(a.texts).length).toBeGreaterThan(20);
  });
});
