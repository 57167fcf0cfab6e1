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
import { fsReason } from './errors';

/** Files larger than this are not even read into memory. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

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
    return { file, submission: null, issues: [fileIssue('file.unreadable', def, { other: fsReason(err) })] };
  }
  const r = await checkWorkbookBytes(bytes, def, opts);
  return { file, ...r };
}
