// What the user chose, as the files the import pipeline reads: a folder (the directory picker, or
// <input webkitdirectory>), several files, or a .zip — each file with its path from the chosen folder (as
// the CLI names it), read only when the pipeline asks, and refused above the size limit unread.
import { MAX_FILE_BYTES } from '../../../../importer/src/import/limits';
import { uniqueName, type ReadOutcome } from '../../../../importer/src/import/names';
import type { FoundFile } from '../../../../importer/src/import/sources';
import type { DirHandle } from './fs-access';

/** The input: its files and what to call it in messages. */
export interface ChosenInput {
  label: string;
  files: FoundFile[];
  /** The chosen folder (directory picker): outputs may not be written into it. */
  dir?: DirHandle;
}

function readerOf(file: () => Promise<File>): () => Promise<ReadOutcome> {
  return async () => {
    try {
      const f = await file();
      if (f.size > MAX_FILE_BYTES) return { problem: 'tooLarge', size: f.size };
      const bytes = new Uint8Array(await f.arrayBuffer());
      return { bytes, size: bytes.length, mtimeMs: f.lastModified };
    } catch (err) {
      const name = (err as { name?: string } | null)?.name;
      return name === 'NotFoundError' ? { problem: 'missing' } : { problem: 'other', code: name };
    }
  };
}

/** Every file under a folder chosen with the directory picker (sub-folders too, 64 levels at most). */
export async function fromDirectory(dir: DirHandle): Promise<ChosenInput> {
  const files: FoundFile[] = [];
  const walk = async (d: DirHandle, rel: string, depth: number): Promise<void> => {
    for await (const e of d.values()) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.kind === 'directory') {
        if (depth < 64) await walk(e, r, depth + 1);
      } else files.push({ rel: r, name: e.name, read: readerOf(() => e.getFile()) });
    }
  };
  await walk(dir, '', 0);
  return { label: dir.name, files, dir };
}

/**
 * The files of an <input type=file>: with webkitdirectory each carries its path from the chosen folder's
 * parent ("填报表/党群/x.xlsx"), shown from the folder down; chosen one by one, by name (made unique).
 */
export function fromFileList(list: FileList | readonly File[], folder: boolean): ChosenInput {
  const used = new Set<string>();
  const files: FoundFile[] = [];
  let label = '';
  for (const f of Array.from(list)) {
    const path = folder ? f.webkitRelativePath || f.name : f.name;
    const parts = path.split('/');
    if (folder && parts.length > 1) label ||= parts[0];
    const rel = uniqueName(folder && parts.length > 1 ? parts.slice(1).join('/') : f.name, used);
    files.push({ rel, name: f.name, read: readerOf(async () => f) });
  }
  if (!label) label = files.length === 1 ? files[0].rel : `所选的${files.length}个文件`;
  return { label, files };
}
