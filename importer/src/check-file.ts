// Node wrapper of the checker: one path → CheckResult. Never throws and never hangs: only a regular file
// is read (a FIFO, a socket or a device — a link to /dev/zero — is refused without reading), and a missing
// or unreadable path, or anything unexpected, becomes a file-level 错误 for that file.
import {
  checkWorkbookBytes,
  DefinitionRegistry,
  fileIssue,
  type CheckBytesOptions,
  type CheckResult,
  type Definition,
} from '../../templates/src/index';
import { problemText, readRegularFile } from './fsutil';

/** Files larger than this are not even read into memory. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export async function checkFile(
  file: string,
  defs: Definition | DefinitionRegistry,
  opts: CheckBytesOptions = {},
): Promise<CheckResult & { file: string }> {
  const def = defs instanceof DefinitionRegistry ? defs.all[0] : defs;
  const r = await readRegularFile(file, { maxBytes: MAX_FILE_BYTES });
  if ('problem' in r) {
    const issue =
      r.problem === 'tooLarge'
        ? fileIssue('file.tooLarge', def, { limit: '200 MB' })
        : fileIssue('file.unreadable', def, { reason: problemText(r.problem, r.code) });
    return { file, submission: null, issues: [issue] };
  }
  return { file, ...(await checkWorkbookBytes(r.bytes, defs, opts)) };
}
