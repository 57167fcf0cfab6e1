// Finds returned workbooks under a folder, recursively.
import { promises as fsp } from 'node:fs';
import path from 'node:path';

export type FoundKind = 'workbook' | 'legacy';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the input folder, with forward slashes (what the outputs show). */
  rel: string;
  kind: FoundKind;
  size: number;
  mtimeMs: number;
}

const WORKBOOK_EXT = new Set(['.xlsx', '.xlsm']);
const LEGACY_EXT = new Set(['.xls', '.et']);

/** Office lock files (~$name.xlsx) and our own temporary files are never inputs. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('~$') || (name.startsWith('.') && name.endsWith('.tmp'));
}

/**
 * Walks `root` and returns workbook and legacy-format files, sorted by relative path so runs are
 * deterministic. Folders listed in `skip` (e.g. the output folder when it sits inside the input folder)
 * are not entered; symbolic links to folders are not followed (no loops).
 */
export async function discover(root: string, skip: string[] = []): Promise<FoundFile[]> {
  const skipSet = new Set(skip.map((s) => path.resolve(s)));
  const out: FoundFile[] = [];
  async function walk(dir: string): Promise<void> {
    if (skipSet.has(path.resolve(dir))) return;
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        await walk(full);
        continue;
      }
      if (isIgnoredName(e.name)) continue;
      const ext = path.extname(e.name).toLowerCase();
      const kind: FoundKind | null = WORKBOOK_EXT.has(ext)
        ? 'workbook'
        : LEGACY_EXT.has(ext)
          ? 'legacy'
          : null;
      if (!kind) continue;
      let st;
      try {
        st = await fsp.stat(full); // follows a symlink to a file
      } catch {
        continue; // dangling link
      }
      if (!st.isFile()) continue;
      out.push({
        path: full,
        rel: path.relative(root, full).split(path.sep).join('/'),
        kind,
        size: st.size,
        mtimeMs: st.mtimeMs,
      });
    }
  }
  await walk(root);
  out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return out;
}
