// The outputs of a run, staged in the private staging folder, put in place in OUTDIR together — an output
// held open in Excel or WPS is waited for, with a message, and never half-replaced — and the outputs of an
// earlier run that this run did not produce again swept away. Nothing is ever written outside OUTDIR.
import { constants as fsConstants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { formatTemplate } from '../../../templates/src/index';
import type { BatchOutput } from '../import/batch-types';
import { ImportUsageError } from '../import/errors';
import { staleFixedOutputs } from '../import/outputs';
import { OUTPUT_NAMES, RUN_MESSAGES } from '../import/labels';
import { basename, nameKey } from '../import/names';
import { isLockedError, outputFs } from '../fsutil';

export interface PlaceOptions {
  outDir: string;
  /** Messages for the user while waiting (an output held open in Excel). */
  notice: (message: string) => void;
  /** How long to wait for an output held open by another program. */
  lockWaitMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Puts the staged outputs in place. First every existing target is probed (on Windows: a file open in
 * Excel or WPS cannot be opened for writing), so nothing is replaced while another output is still held;
 * then each is renamed over its target. A held file gets one message and is retried every second until
 * `lockWaitMs` runs out; then the run stops with a Chinese message and the previous outputs are left as
 * they were (except any already moved when a file was locked between the probe and its rename).
 */
async function putInPlace(
  moves: { from: string; to: string; name: string }[],
  ctx: PlaceOptions,
): Promise<void> {
  const deadline = Date.now() + ctx.lockWaitMs;
  const told = new Set<string>();
  const settle = async (name: string, op: () => Promise<void>) => {
    for (;;) {
      try {
        return await op();
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST')
          throw new ImportUsageError(formatTemplate(RUN_MESSAGES.outputIsFolder, { value: name }));
        if (!isLockedError(err)) {
          if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
            throw new ImportUsageError(
              formatTemplate(RUN_MESSAGES.outputDenied, { value: name, other: code }),
            );
          throw err;
        }
        const left = deadline - Date.now();
        if (left <= 0)
          throw new ImportUsageError(formatTemplate(RUN_MESSAGES.outputLockedGaveUp, { value: name }));
        if (!told.has(name)) {
          told.add(name);
          ctx.notice(formatTemplate(RUN_MESSAGES.outputLocked, { value: name, n: Math.ceil(left / 1000) }));
        }
        await sleep(Math.min(left, Math.max(50, Math.min(1000, ctx.lockWaitMs / 10))));
      }
    }
  };
  for (const dir of new Set(moves.map((m) => path.dirname(m.to))))
    await fsp.access(dir, fsConstants.W_OK).catch((err: { code?: string }) => {
      const name = path.relative(ctx.outDir, dir) || path.basename(dir);
      throw new ImportUsageError(
        formatTemplate(RUN_MESSAGES.outputDenied, { value: name, other: err.code ?? '' }),
      );
    });
  for (const m of moves) {
    const st = await fsp.lstat(m.to).catch(() => null);
    if (st?.isDirectory())
      throw new ImportUsageError(formatTemplate(RUN_MESSAGES.outputIsFolder, { value: m.name }));
    if (st) await settle(m.name, () => outputFs.probe(m.to));
  }
  for (const m of moves) await settle(m.name, () => outputFs.rename(m.from, m.to));
}

/**
 * Puts the outputs (staged files, by `stagedPath(key)`) in place in OUTDIR, then removes the reports and
 * return copies of an earlier run that this run did not produce again, and the summary report and the
 * 催报通知 when none was produced. Names are compared the way the file system compares them (whole graphemes, NFC).
 */
export async function placeOutputs(
  outputs: readonly BatchOutput[],
  stagedPath: (key: string) => string,
  ctx: PlaceOptions,
): Promise<void> {
  const reportsDir = path.join(ctx.outDir, OUTPUT_NAMES.reportsDir);
  const returnsDir = path.join(ctx.outDir, OUTPUT_NAMES.returnsDir);
  await fsp.mkdir(reportsDir, { recursive: true });
  await fsp.mkdir(returnsDir, { recursive: true });
  await putInPlace(
    outputs.map((o) => ({
      from: stagedPath(o.key),
      to: path.join(ctx.outDir, ...o.path.split('/')),
      name: o.path,
    })),
    ctx,
  );
  const kept = (dir: string) =>
    new Set(outputs.filter((o) => o.path.startsWith(`${dir}/`)).map((o) => nameKey(basename(o.path))));
  for (const [dir, keep] of [
    [reportsDir, kept(OUTPUT_NAMES.reportsDir)],
    [returnsDir, kept(OUTPUT_NAMES.returnsDir)],
  ] as const) {
    for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
      if (e.isFile() && /\.(docx|xlsx)$/i.test(e.name) && !keep.has(nameKey(e.name)))
        await fsp.rm(path.join(dir, e.name), { force: true }).catch(() => undefined);
    }
  }
  for (const name of staleFixedOutputs(outputs))
    await fsp.rm(path.join(ctx.outDir, name), { force: true }).catch(() => undefined);
}
