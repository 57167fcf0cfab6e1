// The outputs out of the page: one .zip to download (every browser), or written straight into a folder
// the user picks (File System Access API) — each file replaced whole (the browser writes a temporary
// file and swaps it in on close), then the reports and return copies of an earlier run that this run did
// not produce again removed, as the CLI does in its output folder.
import { storedEntry, writeZip } from '../../../../templates/src/index';
import type { BatchOutput } from '../../../../importer/src/import/batch-types';
import { OUTPUT_NAMES } from '../../../../importer/src/import/labels';
import { staleFixedOutputs } from '../../../../importer/src/import/outputs';
import type { MemoryScratch } from '../../../../importer/src/import/memory-host';
import { nameKey } from '../../../../importer/src/import/names';
import type { DirHandle } from './fs-access';

export const ZIP_MIME = 'application/zip';

/** The outputs as one .zip, laid out as the CLI's output folder (stored: they are compressed already). */
export function outputsZip(outputs: readonly BatchOutput[], scratch: MemoryScratch): Uint8Array {
  return writeZip(outputs.map((o) => storedEntry(o.path, scratch.peek(o.key)!)));
}

/** Why outputs may not go into `out` (the input folder or a folder inside it), or null. */
export async function refuseOutputFolder(
  out: DirHandle,
  input: DirHandle | undefined,
): Promise<string | null> {
  if (!input) return null;
  if ((await input.isSameEntry(out)) || (await input.resolve(out)) !== null)
    return '输出文件夹不能是所选的填报表文件夹或其中的子文件夹，请另选一个文件夹。';
  return null;
}

/** Writes the outputs into `out`; returns how many files were written. */
export async function writeOutputsTo(
  out: DirHandle,
  outputs: readonly BatchOutput[],
  scratch: MemoryScratch,
): Promise<number> {
  const dirs = new Map<string, DirHandle>([['', out]]);
  const dirOf = async (rel: string): Promise<DirHandle> => {
    let d = dirs.get(rel);
    if (!d) {
      d = await out.getDirectoryHandle(rel, { create: true });
      dirs.set(rel, d);
    }
    return d;
  };
  for (const sub of [OUTPUT_NAMES.reportsDir, OUTPUT_NAMES.returnsDir]) await dirOf(sub);
  for (const o of outputs) {
    const slash = o.path.lastIndexOf('/');
    const dir = await dirOf(slash < 0 ? '' : o.path.slice(0, slash));
    const handle = await dir.getFileHandle(o.path.slice(slash + 1), { create: true });
    const w = await handle.createWritable();
    await w.write(scratch.peek(o.key)! as BufferSource);
    await w.close();
  }
  // What an earlier run left that this one did not produce again.
  for (const sub of [OUTPUT_NAMES.reportsDir, OUTPUT_NAMES.returnsDir]) {
    const keep = new Set(
      outputs.filter((o) => o.path.startsWith(`${sub}/`)).map((o) => nameKey(o.path.slice(sub.length + 1))),
    );
    const dir = await dirOf(sub);
    const stale: string[] = [];
    for await (const e of dir.values())
      if (e.kind === 'file' && /\.(docx|xlsx)$/i.test(e.name) && !keep.has(nameKey(e.name)))
        stale.push(e.name);
    for (const name of stale) await dir.removeEntry(name).catch(() => undefined);
  }
  for (const name of staleFixedOutputs(outputs)) await out.removeEntry(name).catch(() => undefined);
  return outputs.length;
}

/** Starts the download of `bytes` as `name` (a link the user can click again is returned). */
export function downloadLink(bytes: Uint8Array, name: string, mime: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  a.download = name;
  a.textContent = text;
  return a;
}
