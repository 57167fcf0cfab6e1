// Node wrapper of the checker: one path → CheckResult. Never throws: a missing or unreadable path, or
// anything unexpected, becomes a file-level 错误 for that file.
import { promises as fsp } from 'node:fs';
import {
  checkWorkbookBytes,
  definition as defaultDefinition,
  fileIssue,
  type CheckBytesOptions,
  type CheckResult,
  type Definition,
} from '../../templates/src/index';

/** Files larger than this are not even read into memory. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

function reasonOf(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return '找不到该文件';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

export async function checkFile(
  file: string,
  def: Definition = defaultDefinition,
  opts: CheckBytesOptions = {},
): Promise<CheckResult & { file: string }> {
  let bytes: Uint8Array;
  try {
    const st = await fsp.stat(file);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (st.size > MAX_FILE_BYTES)
      return { file, submission: null, issues: [fileIssue('file.tooLarge', def, { max: '200 MB' })] };
    bytes = new Uint8Array(await fsp.readFile(file));
  } catch (err) {
    return { file, submission: null, issues: [fileIssue('file.unreadable', def, { other: reasonOf(err) })] };
  }
  const r = await checkWorkbookBytes(bytes, def, opts);
  return { file, ...r };
}
