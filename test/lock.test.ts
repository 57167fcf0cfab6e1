// The lock files of the output folder and the store (importer/src/import/lock.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../importer/src/folder/lock';
import { tempDir } from './helpers/tools';

// One folder for the file; every test starts with no lock file in it.
const tmp = tempDir('yanpan-lock-');
const file = path.join(tmp.dir, '.yanpan.lock');
afterEach(() => rmSync(file, { force: true }));
afterAll(() => tmp.cleanup());

const owner = (pid: number, host = os.hostname()) =>
  JSON.stringify({ pid, host, since: new Date().toISOString() });
const age = (minutes: number) => {
  const t = new Date(Date.now() - minutes * 60_000);
  utimesSync(file, t, t);
};

describe('lock files', () => {
  it('is held by one taker at a time, names its owner, and is removed on release', () => {
    const a = acquireLock(file);
    expect(a).not.toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(acquireLock(file)).toBeNull();
    a!.release();
    expect(existsSync(file)).toBe(false);
    const b = acquireLock(file);
    expect(b).not.toBeNull();
    b!.release();
  });

  it('a lock of a process that is gone (kill -9) is taken over at once', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(file, owner(Number(dead.stdout)));
    const l = acquireLock(file);
    expect(l).not.toBeNull();
    l!.release();
  });

  it('a lock of another machine holds while its owner refreshes it, and is taken over after five minutes', () => {
    writeFileSync(file, owner(1, 'another-host'));
    age(4);
    expect(acquireLock(file)).toBeNull();
    age(6);
    const l = acquireLock(file);
    expect(l).not.toBeNull();
    l!.release();
  });

  it('an empty file may be a lock being written: held when new, taken over when old; junk is taken over', () => {
    writeFileSync(file, '');
    expect(acquireLock(file)).toBeNull();
    age(1);
    const l = acquireLock(file);
    expect(l).not.toBeNull();
    l!.release();
    writeFileSync(file, 'SQLite format 3\0 and whatever follows');
    const m = acquireLock(file);
    expect(m).not.toBeNull();
    m!.release();
  });
});
