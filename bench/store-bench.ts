// npm run bench:store [-- --n 20000] [--keep]
// The workspace store alone (no workbook checking): records N units' submissions for one quarter, then N
// for the next quarter (each with the original file's bytes, a real filled workbook of ~30 KB, and the
// unit's risks), reopens the store, builds the second quarter's period view (环比, 风险跟踪, 跨期核对) and
// one unit's history. Prints seconds per step, the store file's size and the process's peak RSS
// (process.resourceUsage().maxRSS: the true peak, also during synchronous work).
import { promises as fsp, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWorkbookBytes, definition, fillWorkbook, type Submission } from '../templates/src/index';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { unitFillInput } from '../importer/src/demo/generate';
import { hashBytes, openStore, type RecordFile } from '../importer/src/store/index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const N = Number(arg('--n') ?? 1000);
const KEEP = process.argv.includes('--keep');
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
  if (!Number.isInteger(N) || N < 1) throw new Error('--n 应为正整数');
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'yanpan-store-bench-'));
  const dbFile = path.join(root, 'yanpan.db');

  // One real workbook (and its checked submission) per demo unit, reused with each unit's code and name.
  const protos: { bytes: Uint8Array; submission: Submission }[] = [];
  for (let i = 0; i < DEMO_UNITS.length; i++) {
    const p = DEMO_UNITS[i];
    const bytes = await fillWorkbook(
      unitFillInput(
        { ...p, code: `P${i}`, aliases: [] },
        { seed: 9000 + i, risks: i % 4 === 0 ? 3 : 1 },
        definition,
      ),
      definition,
    );
    const r = await checkWorkbookBytes(bytes, definition);
    if (!r.submission) throw new Error('sample workbook unreadable');
    protos.push({ bytes, submission: r.submission });
  }
  const fileSize = protos.reduce((n, p) => n + p.bytes.length, 0) / protos.length;
  const files = (period: string, salt: string): RecordFile[] =>
    Array.from({ length: N }, (_, i) => {
      const p = protos[i % protos.length];
      const code = `B${String(i + 1).padStart(6, '0')}`;
      const name = `测试单位${String(i + 1).padStart(6, '0')}`;
      const submission: Submission = {
        ...p.submission,
        unit: { code, name },
        period,
        metrics: p.submission.metrics.map((m, k) =>
          m.current == null ? m : { ...m, current: m.current + ((i + k + salt.length) % 5) },
        ),
      };
      return {
        hash: hashBytes(new TextEncoder().encode(`${salt}:${code}`)),
        fileName: `${name}.xlsx`,
        result: { submission, issues: [] },
        bytes: p.bytes,
        mtimeMs: 1_700_000_000_000 + i,
      };
    });
  const roster = Array.from({ length: N }, (_, i) => ({
    code: `B${String(i + 1).padStart(6, '0')}`,
    name: `测试单位${String(i + 1).padStart(6, '0')}`,
    aliases: [],
    group: `第${(i % 20) + 1}组`,
  }));

  // Wall seconds, and CPU seconds (robust on a shared machine).
  const cpu: Record<string, number> = {};
  const timed = async <T>(f: () => T | Promise<T>, name?: string): Promise<[T, number]> => {
    const t = performance.now();
    const c = process.cpuUsage();
    const v = await f();
    const d = process.cpuUsage(c);
    if (name) cpu[name] = (d.user + d.system) / 1e6;
    return [v, (performance.now() - t) / 1000];
  };
  const gc = () => (globalThis as { gc?: () => void }).gc?.();
  gc();
  const rssBefore = process.memoryUsage().rss;

  /** One import of a period's files into the store file (open, record, commit, close). */
  const recordPeriod = async (period: string, salt: string) => {
    const [, seconds] = await timed(async () => {
      const store = await openStore(dbFile, { def: definition });
      try {
        await store.recordImport(files(period, salt), { roster });
      } finally {
        store.close();
      }
    }, `write-${salt}`);
    gc();
    return seconds;
  };
  const write1 = await recordPeriod('第二季度', 'q2');
  const write2 = await recordPeriod('第三季度', 'q3');
  const size = statSync(dbFile).size;
  const [store, openSeconds] = await timed(
    () => openStore(dbFile, { def: definition, mustExist: true }),
    'open',
  );
  try {
    const [view, viewSeconds] = await timed(() => store.periodView('2023Q3'), 'view');
    const [hist, histSeconds] = await timed(() => store.unitHistory('B000001'));
    const lines = [
      `数据库：${N} 个单位 × 2 个报告期，每份原始文件约 ${(fileSize / 1024).toFixed(0)} KB；文件 ${mb(size)}`,
      `写入第一期（新库）：${write1.toFixed(1)} 秒；写入第二期：${write2.toFixed(1)} 秒（打开、记录 ${N} 份、提交）`,
      `打开已有数据库：${openSeconds.toFixed(2)} 秒`,
      `报告期视图（环比、风险跟踪、跨期核对，${view.units.length} 个单位）：${viewSeconds.toFixed(1)} 秒`,
      `单位历史（${hist?.submissions.length ?? 0} 份报送）：${(histSeconds * 1000).toFixed(0)} 毫秒`,
      `CPU 时间：写入 ${cpu['write-q2'].toFixed(1)} + ${cpu['write-q3'].toFixed(1)} 秒，打开 ${cpu.open.toFixed(2)} 秒，报告期视图 ${cpu.view.toFixed(1)} 秒`,
      `峰值内存（RSS）：${mb(peakRss())}（开始时 ${mb(rssBefore)}）`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stdout.write(
      `BENCH_JSON ${JSON.stringify({ n: N, dbMb: size / 1048576, write1, write2, openSeconds, viewSeconds, histSeconds, cpu, peakRssMb: peakRss() / 1048576 })}\n`,
    );
  } finally {
    store.close();
    if (!KEEP) await fsp.rm(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`基准测试失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
