// importer/src/errors.ts: errno → one Chinese sentence naming the file (as Windows and Linux raise them),
// and the retry of an output held open by another program.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  UserError,
  describeError,
  describeFsError,
  fsReason,
  isLockedError,
  retryIfLocked,
} from '../importer/src/errors';
import { tempDir } from './helpers/tools';

const errno = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code}: something in English`), { code, ...extra });

describe('describeFsError', () => {
  const file = 'D:\\汇总\\汇总台账.xlsx';

  it('a file open in Excel on Windows (EBUSY, EPERM, EACCES when replacing it): 请关闭正在打开的…后重试', () => {
    const locked =
      '“D:\\汇总\\汇总台账.xlsx”正被其他程序（如Excel、WPS、Word）打开，无法写入。请关闭正在打开的“汇总台账.xlsx”后重试。';
    for (const code of ['EBUSY', 'EPERM', 'EACCES'])
      expect(describeFsError(errno(code), { file, writing: true, platform: 'win32' }), code).toBe(locked);
    expect(describeFsError(errno('EBUSY'), { file, writing: true, platform: 'linux' })).toBe(locked);
  });

  it('EPERM/EACCES elsewhere, or when reading, are permissions', () => {
    expect(
      describeFsError(errno('EACCES'), { file: '/srv/汇总台账.xlsx', writing: true, platform: 'linux' }),
    ).toBe('无法写入“/srv/汇总台账.xlsx”：没有写入权限。请检查文件和文件夹的权限，或换一个输出文件夹。');
    expect(describeFsError(errno('EPERM'), { file: 'a.xlsx', platform: 'win32' })).toBe(
      '无法读取“a.xlsx”：没有读取权限。请检查文件的权限。',
    );
  });

  it('the rename target is the file named (not our temporary file)', () => {
    const err = errno('ENOSPC', {
      syscall: 'rename',
      path: '/o/.汇总台账.xlsx.1.tmp',
      dest: '/o/汇总台账.xlsx',
    });
    expect(describeError(err)).toBe('无法写入“/o/汇总台账.xlsx”：磁盘空间不足。请清理磁盘空间后重试。');
  });

  it.each([
    ['ENOENT', false, '无法读取“名册.csv”：找不到该文件。请检查文件路径是否正确。'],
    ['EISDIR', true, '无法写入“名册.csv”：这是一个文件夹，不是文件。'],
    ['ENOTDIR', true, '无法写入“名册.csv”：路径中有一部分不是文件夹。'],
    ['EROFS', true, '无法写入“名册.csv”：所在磁盘是只读的。请换一个可写入的文件夹。'],
    ['ENAMETOOLONG', true, '无法写入“名册.csv”：路径太长。请换一个路径较短的文件夹。'],
    ['EMFILE', false, '无法读取“名册.csv”：同时打开的文件过多。请关闭一些程序后重试。'],
    ['ETIMEDOUT', false, '无法读取“名册.csv”：网络文件夹无法访问。请检查网络连接后重试。'],
    ['EWHATEVER', true, '无法写入“名册.csv”：系统错误代码 EWHATEVER。'],
  ])('%s', (code, writing, text) => {
    expect(describeFsError(errno(code), { file: '名册.csv', writing, platform: 'linux' })).toBe(text);
  });

  it('what the file is goes before its name', () => {
    expect(describeFsError(errno('ENOENT'), { file: '名册.csv', what: '单位名册' })).toBe(
      '无法读取单位名册“名册.csv”：找不到该文件。请检查文件路径是否正确。',
    );
  });

  it('a real ENOENT from fs', async () => {
    const t = tempDir('yanpan-errors-');
    try {
      const missing = path.join(t.dir, '没有.xlsx');
      const err = await fsp.readFile(missing).catch((e: unknown) => e);
      expect(describeError(err)).toBe(`无法读取“${missing}”：找不到该文件。请检查文件路径是否正确。`);
      expect(fsReason(err)).toBe('找不到该文件');
    } finally {
      t.cleanup();
    }
  });
});

describe('describeError', () => {
  it('a UserError as is; anything else is an internal error, in Chinese', () => {
    expect(describeError(new UserError('输入文件夹中没有填报表。', 1))).toBe('输入文件夹中没有填报表。');
    expect(describeError(new TypeError('x is undefined'))).toBe(
      '程序内部错误：x is undefined。请将这条信息告知技术支持（设置环境变量 YANPAN_DEBUG=1 可显示详细信息）。',
    );
  });
});

describe('retryIfLocked', () => {
  const busy = () => errno('EBUSY', { syscall: 'rename' });
  const fast = { delaysMs: [1, 1, 1] };

  it('a lock that goes away within the retries', async () => {
    let calls = 0;
    const r = await retryIfLocked(
      'a.docx',
      async () => {
        if (++calls < 3) throw busy();
        return 'written';
      },
      fast,
    );
    expect([r, calls]).toEqual(['written', 3]);
  });

  it('a lasting lock: a UserError saying 请关闭正在打开的…后重试, after the retries', async () => {
    let calls = 0;
    const err = await retryIfLocked(
      'D:\\a.docx',
      async () => {
        calls++;
        throw busy();
      },
      fast,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(
      '“D:\\a.docx”正被其他程序（如Excel、WPS、Word）打开，无法写入。请关闭正在打开的“a.docx”后重试。',
    );
    expect(calls).toBe(4);
  });

  it('asks the user, and tries again each time the answer is yes', async () => {
    let calls = 0;
    const asked: string[] = [];
    const answers = [true, false];
    const err = await retryIfLocked(
      'a.docx',
      async () => {
        calls++;
        throw busy();
      },
      { ...fast, ask: async (m) => (asked.push(m), answers.shift()!) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toContain('请关闭正在打开的“a.docx”后重试');
    expect(calls).toBe(5);

    let n = 0;
    const ok = await retryIfLocked(
      'a.docx',
      async () => {
        if (++n < 5) throw busy();
        return n;
      },
      { ...fast, ask: async () => true },
    );
    expect(ok).toBe(5);
  });

  it('other errors are not retried', async () => {
    let calls = 0;
    const err = await retryIfLocked(
      'a.docx',
      async () => {
        calls++;
        throw errno('ENOSPC');
      },
      fast,
    ).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('ENOSPC');
    expect(calls).toBe(1);
  });

  it('EPERM is a lock on Windows only', () => {
    expect(isLockedError(errno('EPERM'), 'win32')).toBe(true);
    expect(isLockedError(errno('EPERM'), 'linux')).toBe(false);
    expect(isLockedError(new Error('EBUSY'), 'win32')).toBe(false);
  });
});
