// The store on Node: the SQLite engine (sql.js, WebAssembly shipped inside the npm package, nothing
// downloaded) and the store file. The file is read whole into memory when opened and written back whole
// at an import's commit: to a temporary file in the same folder, flushed, then renamed over the store
// (readers see the old or the new store, never a mix). Writers take the store's lock file
// (`yanpan.db.lock` beside it, see ../import/lock.ts) for the whole import.
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { acquireLock } from '../folder/lock';
import { writeFileAtomic } from '../fsutil';
import { StoreError } from './errors';
import { Store, type OpenOptions, type StoreHost } from './store';
import type { SqlEngine } from './sqlite';
import { applyWal } from './wal';

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const WASM = 'sql-wasm.wasm';

/**
 * Where sql.js's WebAssembly file is: beside the running bundle (build/cli.mjs, the packaged
 * dist/yanpan-cli/yanpan.mjs, both built with a copy of it), else in node_modules (running from sources).
 */
export function sqlWasmPath(): string {
  const beside = fileURLToPath(new URL(`./${WASM}`, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(`sql.js/dist/${WASM}`);
  } catch {
    throw new StoreError(
      'missing',
      `找不到数据库组件“${WASM}”：应与程序文件放在同一文件夹中，请重新安装或解压研判。`,
    );
  }
}

let engine: Promise<SqlEngine> | null = null;

/** The SQLite engine, loaded once per process. */
export function sqlEngine(): Promise<SqlEngine> {
  engine ??= fsp
    .readFile(sqlWasmPath())
    .then((wasm) =>
      initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }),
    );
  return engine;
}

const stampOf = (st: { ino: number; size: number; mtimeMs: number }) => `${st.ino}:${st.size}:${st.mtimeMs}`;

/** Test hook: stop just before the store is written, so a test can SIGKILL the process there. */
function pauseForTest(): void {
  const marker = process.env.YANPAN_TEST_PAUSE_IN_TRANSACTION;
  if (!marker) return;
  writeFileSync(marker, String(process.pid));
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

/** The store file `file` as a StoreHost. */
export function fileHost(file: string): StoreHost {
  const sidecars = [`${file}-wal`, `${file}-shm`];
  return {
    name: file,
    async read() {
      let fh;
      try {
        fh = await fsp.open(file, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new StoreError('corrupt', `无法读取数据库文件“${file}”：${(err as Error).message}`);
      }
      try {
        const st = await fh.stat();
        if (!st.isFile()) throw new StoreError('corrupt', `数据库文件“${file}”不是普通文件，无法使用。`);
        let bytes: Uint8Array = await fh.readFile();
        // A store last written by an earlier version (SQLite in WAL mode) may have committed imports in
        // its -wal file still: they are applied in memory, and written into the store at the next commit.
        const wal = await fsp.readFile(sidecars[0]).catch(() => null);
        if (wal) bytes = applyWal(bytes, wal);
        return { bytes, stamp: stampOf(st) };
      } finally {
        await fh.close();
      }
    },
    async stamp() {
      try {
        return stampOf(await fsp.stat(file));
      } catch {
        return null;
      }
    },
    async write(bytes) {
      pauseForTest();
      await writeFileAtomic(file, bytes);
      // The store is now in rollback-journal mode: an earlier version's WAL files no longer apply.
      for (const f of sidecars) await fsp.rm(f, { force: true });
    },
    async lock() {
      await fsp.mkdir(path.dirname(file), { recursive: true });
      return acquireLock(`${file}.lock`);
    },
  };
}

/**
 * Opens (creating if needed, unless `mustExist`) the store at `file` and migrates it to the current
 * schema. Throws StoreError with a Chinese message when the file is not a usable store.
 */
export async function openStore(file: string, opts: OpenOptions): Promise<Store> {
  return Store.open(await sqlEngine(), fileHost(file), opts);
}
