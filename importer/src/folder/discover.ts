// Finds everything under the input folder, recursively; import/sources.ts says what each file is (a
// workbook to read, a .zip to unpack, a document, something skipped or ignored). Every file found is
// returned — none is dropped silently.
//
// Names are taken as the OS hands them over (bytes) and decoded (UTF-8, else GBK: a Windows zip unpacked
// on Linux), and files are opened by their raw path, so a name in any encoding is found and read. Only
// regular files are read: FIFOs, sockets and devices are listed, never opened; a symbolic link is
// followed only to a regular file inside the input folder.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { decodeFileName, readRegularFile } from '../fsutil';
import { fsReason } from '../errors';
import {
  kindOfName,
  severityFor,
  sortSources,
  sourceIssue as issue,
  sourcesOfFile,
  type Source,
  type SourceKind,
  type SourceLimits,
} from '../import/sources';
import { zlibInflateRaw } from '../worker';

export interface DiscoverOptions extends SourceLimits {
  /** Folders not to enter (the output folder when it sits inside the input folder, the store's folder). */
  skip?: string[];
}

function startsWithDir(p: Buffer, dir: Buffer): boolean {
  if (p.equals(dir)) return true;
  const sep = Buffer.from(path.sep);
  const base = dir.subarray(dir.length - sep.length).equals(sep) ? dir : Buffer.concat([dir, sep]);
  return p.length > base.length && p.subarray(0, base.length).equals(base);
}

/**
 * Walks `root` and returns one Source per file, sorted by `rel` so runs are deterministic. Folders in
 * `skip` are not entered. Symbolic links to folders are listed, not followed (no loops, no file counted
 * twice).
 */
export async function discoverSources(root: string, opts: DiscoverOptions): Promise<Source[]> {
  const rootBuf = Buffer.from(path.resolve(root));
  const realRoot = await fsp.realpath(rootBuf, { encoding: 'buffer' });
  const skip = (opts.skip ?? []).map((s) => Buffer.from(path.resolve(s)));
  const sep = Buffer.from(path.sep);
  const out: Source[] = [];

  const add = (s: Source) => out.push(s);

  async function walk(dir: Buffer, rel: string, badName: boolean, depth: number): Promise<void> {
    if (skip.some((s) => s.equals(dir))) return;
    let entries;
    try {
      entries = (await fsp.readdir(dir, { withFileTypes: true, encoding: 'buffer' })) as unknown as {
        name: Buffer;
        isDirectory(): boolean;
        isFile(): boolean;
        isSymbolicLink(): boolean;
      }[];
    } catch (err) {
      // A subfolder we may not read: listed, so nothing in it is lost without a word.
      if (depth > 0)
        add({
          rel,
          kind: 'other',
          problem: issue('file.folderUnreadable', 'error', rel, { file: rel, reason: fsReason(err) }),
        });
      return;
    }
    for (const e of entries) {
      const full = Buffer.concat([dir, sep, e.name]);
      const dec = decodeFileName(e.name);
      const name = dec.text;
      const r = rel ? `${rel}/${name}` : name;
      const bad = badName || dec.encoding === null;
      if (e.isDirectory()) {
        if (depth < 64) await walk(full, r, bad, depth + 1);
        continue;
      }
      const kind = kindOfName(name);
      const warnings = bad ? [issue('file.badName', 'warning', r, { file: r })] : undefined;
      if (kind === 'ignored') {
        add({ rel: r, kind, warnings });
        continue;
      }
      /** Lists the file as found, with why it is not read. */
      const refuse = (
        rule: 'file.notRegular' | 'file.danglingLink' | 'file.linkOutside' | 'file.folderLink',
        severity = severityFor(kind),
        k: SourceKind = kind,
      ) => add({ rel: r, kind: k, warnings, problem: issue(rule, severity, r, { file: r }) });
      let target: Buffer = full;
      if (e.isSymbolicLink()) {
        const real = await fsp.realpath(full, { encoding: 'buffer' }).catch(() => null);
        const inside = !!real && startsWithDir(real, realRoot);
        // Only a link to something inside the input folder is even looked at.
        const st = real && inside ? await fsp.stat(real).catch(() => null) : null;
        if (real && !inside) refuse('file.linkOutside');
        else if (!real || !st) refuse('file.danglingLink');
        else if (st.isDirectory()) refuse('file.folderLink', 'warning', 'other');
        if (!real || !st || st.isDirectory()) continue;
        target = real;
      } else if (!e.isFile()) {
        // Dirent types can be unknown on some file systems: ask lstat.
        const st = await fsp.lstat(full).catch(() => null);
        if (!st) continue; // gone since the listing
        if (st.isDirectory()) {
          if (depth < 64) await walk(full, r, bad, depth + 1);
          continue;
        }
        if (!st.isFile()) {
          refuse('file.notRegular');
          continue;
        }
      }
      const read = () => readRegularFile(target, { maxBytes: opts.maxFileBytes, noFollow: true });
      const limits = { inflateRaw: zlibInflateRaw, ...opts };
      for (const s of await sourcesOfFile({ rel: r, name, read, warnings }, limits)) add(s);
    }
  }

  await walk(rootBuf, '', false, 0);
  return sortSources(out);
}
