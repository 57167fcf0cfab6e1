// The ONE place where failures of the Node side become Chinese for the user: operating-system error
// codes (errno: EBUSY, EPERM, ENOSPC…) → a sentence naming the file, a file held open by Excel/WPS/Word
// → "请关闭正在打开的“…”后重试" with a retry, and UserError for messages that are already Chinese.
// Used by the CLI commands and usable by the import pipeline (it has no CLI dependencies).

/** A failure the user can act on: `message` is Chinese and shown as is; `exitCode` is the CLI's status. */
export class UserError extends Error {
  constructor(
    message: string,
    public readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

interface ErrnoLike {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
}

/** The errno code of a Node fs error ("EBUSY"), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as ErrnoLike | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * True when the error means "another program has the file open" (Excel, WPS or Word hold the files they
 * show; Windows then refuses to replace them with EBUSY, EPERM or EACCES). On other systems only EBUSY
 * means that: EPERM/EACCES are plain permissions there, which no retry will fix.
 */
export function isLockedError(err: unknown, platform: NodeJS.Platform = process.platform): boolean {
  const code = errnoCode(err);
  if (code === 'EBUSY') return true;
  return platform === 'win32' && (code === 'EPERM' || code === 'EACCES');
}

/** The file an fs error is about: the one the caller names, else the rename target, else its path. */
function fileOf(err: unknown, file: string | undefined): string | undefined {
  if (file) return file;
  const e = err as ErrnoLike | null;
  if (typeof e?.dest === 'string') return e.dest;
  if (typeof e?.path === 'string') return e.path;
  return undefined;
}

/**
 * Why a file could not be read or written, as a short Chinese phrase (no file name), e.g. "找不到该文件"
 * — for messages that already name the file ("文件无法读取（{原因}）").
 */
export function fsReason(
  err: unknown,
  writing = false,
  platform: NodeJS.Platform = process.platform,
): string {
  const code = errnoCode(err);
  // Excel and Word let others read the files they show: only writing meets a lock on EPERM/EACCES.
  if (code === 'EBUSY' || (writing && isLockedError(err, platform)))
    return '文件正被其他程序（如Excel、WPS、Word）打开';
  switch (code) {
    case 'ENOENT':
      return writing ? '所在文件夹不存在' : '找不到该文件';
    case 'EACCES':
    case 'EPERM':
      return writing ? '没有写入权限' : '没有读取权限';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'ENOTDIR':
      return '路径中有一部分不是文件夹';
    case 'ENOSPC':
    case 'EDQUOT':
      return '磁盘空间不足';
    case 'EROFS':
      return '所在磁盘是只读的';
    case 'ENAMETOOLONG':
      return '路径太长';
    case 'EMFILE':
    case 'ENFILE':
      return '同时打开的文件过多';
    case 'EEXIST':
      // mkdir of a folder on the way that exists as a file
      return (err as { syscall?: unknown }).syscall === 'mkdir'
        ? '路径中有一部分不是文件夹（已有同名文件）'
        : '已有同名文件';
    case 'EINVAL':
      return '文件名或路径无效';
    case 'EXDEV':
      return '不能跨磁盘移动文件';
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
    case 'ENETUNREACH':
      return '网络文件夹无法访问';
    case 'EIO':
      return '磁盘读写出错';
    case 'ELOOP':
      return '路径中的快捷方式（符号链接）循环引用';
    case undefined:
      return '原因不明';
    default:
      return `系统错误代码 ${code}`;
  }
}

/** What the user can do about it, or '' (ENOENT when reading needs no advice beyond the reason). */
function advice(code: string | undefined, writing: boolean): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return '请清理磁盘空间后重试。';
    case 'EACCES':
    case 'EPERM':
      return writing ? '请检查文件和文件夹的权限，或换一个输出文件夹。' : '请检查文件的权限。';
    case 'EROFS':
      return '请换一个可写入的文件夹。';
    case 'ENAMETOOLONG':
      return '请换一个路径较短的文件夹。';
    case 'EMFILE':
    case 'ENFILE':
      return '请关闭一些程序后重试。';
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
    case 'ENETUNREACH':
      return '请检查网络连接后重试。';
    case 'ENOENT':
      return writing ? '请检查路径是否正确。' : '请检查文件路径是否正确。';
    default:
      return '';
  }
}

/** "请关闭正在打开的“汇总台账.xlsx”后重试。" */
export function lockedMessage(file: string): string {
  return `“${file}”正被其他程序（如Excel、WPS、Word）打开，无法写入。请关闭正在打开的“${baseName(file)}”后重试。`;
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

export interface DescribeOptions {
  /** The file concerned (default: the error's rename target or path). */
  file?: string;
  /** What the file is, before its name: "单位名册" → "无法读取单位名册“名册.csv”：…". */
  what?: string;
  /** Writing (or replacing) rather than reading: changes the wording and enables "请关闭正在打开的…". */
  writing?: boolean;
  platform?: NodeJS.Platform;
}

/**
 * An fs error as one Chinese sentence naming the file: "无法写入“D:\\汇总\\汇总台账.xlsx”：磁盘空间不足。
 * 请清理磁盘空间后重试。" `file` defaults to the error's rename target or path.
 */
export function describeFsError(err: unknown, opts: DescribeOptions = {}): string {
  const writing = opts.writing ?? false;
  const platform = opts.platform ?? process.platform;
  const file = fileOf(err, opts.file);
  if (writing && file && isLockedError(err, platform)) return lockedMessage(file);
  const code = errnoCode(err);
  const what = `${opts.what ?? ''}${file ? `“${file}”` : opts.what ? '' : '文件'}`;
  const head = `无法${writing ? '写入' : '读取'}${what}：${fsReason(err, writing, platform)}。`;
  return head + advice(code, writing);
}

/**
 * Any error that reached the command layer, in Chinese: a UserError's message as is, an fs error named by
 * its file, and anything else (a bug) as "程序内部错误" with its message.
 */
export function describeError(err: unknown, opts: DescribeOptions = {}): string {
  if (err instanceof UserError) return err.message;
  if (errnoCode(err)) return describeFsError(err, { ...opts, writing: opts.writing ?? isWriteSyscall(err) });
  const msg = err instanceof Error ? err.message : String(err);
  return `程序内部错误：${msg}。请将这条信息告知技术支持（设置环境变量 YANPAN_DEBUG=1 可显示详细信息）。`;
}

function isWriteSyscall(err: unknown): boolean {
  const s = (err as { syscall?: unknown } | null)?.syscall;
  return (
    typeof s === 'string' &&
    ['rename', 'write', 'mkdir', 'unlink', 'rmdir', 'rm', 'copyfile', 'fsync', 'utime', 'ftruncate'].includes(
      s,
    )
  );
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface LockedRetryOptions {
  /** Waits between the automatic retries (a file briefly held by an antivirus scan or a sync client). */
  delaysMs?: readonly number[];
  /**
   * Asked once the automatic retries are used up, with the Chinese message: resolve true to try again
   * (the user closed the file), false to give up. Without it the operation fails after the retries.
   */
  ask?: (message: string) => Promise<boolean>;
  platform?: NodeJS.Platform;
}

/**
 * Runs `op` (which writes or replaces `file`); when the file is held open by another program, retries a
 * few times, then asks (if it can) the user to close it, and finally fails with a UserError saying
 * "请关闭正在打开的“…”后重试". Other errors pass through unchanged.
 */
export async function retryIfLocked<T>(
  file: string,
  op: () => Promise<T>,
  opts: LockedRetryOptions = {},
): Promise<T> {
  const delays = opts.delaysMs ?? [300, 1000, 2000];
  let attempt = 0;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (!isLockedError(err, opts.platform)) throw err;
      if (attempt < delays.length) {
        await sleep(delays[attempt++]);
        continue;
      }
      if (opts.ask && (await opts.ask(lockedMessage(file)))) continue;
      throw new UserError(lockedMessage(file));
    }
  }
}
