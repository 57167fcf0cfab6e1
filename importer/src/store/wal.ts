// Applies a SQLite write-ahead log to its database's bytes. Stores written by earlier versions of Yanpan
// (native SQLite in WAL mode) may have committed transactions still in `yanpan.db-wal` when their
// process was killed before it checkpointed; SQLite would apply them when opening the file, and so do we
// (the in-memory engine has no WAL of its own). Format: https://sqlite.org/fileformat2.html#walformat —
// a 32-byte header, then frames of a 24-byte header and one page; only the frames up to the last valid
// commit frame (matching salts, running checksum) count. Pure: bytes in, bytes out.

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s`. */
function checksum(data: DataView, start: number, end: number, bigEndian: boolean, s: [number, number]): void {
  let [s0, s1] = s;
  for (let i = start; i < end; i += 8) {
    s0 = (s0 + data.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + data.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  s[0] = s0;
  s[1] = s1;
}

/**
 * The database with the committed frames of `wal` applied; `db` itself when it is not in WAL mode (a
 * store written since by this version: any -wal beside it is stale) or the log holds no valid commit.
 */
export function applyWal(db: Uint8Array, wal: Uint8Array): Uint8Array {
  if (db.length < 100 || db[18] !== 2 || wal.length < WAL_HEADER) return db;
  const h = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = h.getUint32(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return db;
  const bigEndian = magic === 0x377f0683;
  const pageSize = h.getUint32(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return db;
  const s: [number, number] = [0, 0];
  checksum(h, 0, 24, bigEndian, s);
  if (s[0] !== h.getUint32(24) || s[1] !== h.getUint32(28)) return db;
  const salt1 = h.getUint32(16);
  const salt2 = h.getUint32(20);

  const frames: { pgno: number; at: number }[] = [];
  let committed = 0; // frames up to the last commit frame
  let dbPages = 0;
  for (let off = WAL_HEADER; off + FRAME_HEADER + pageSize <= wal.length; off += FRAME_HEADER + pageSize) {
    if (h.getUint32(off + 8) !== salt1 || h.getUint32(off + 12) !== salt2) break;
    checksum(h, off, off + 8, bigEndian, s);
    checksum(h, off + FRAME_HEADER, off + FRAME_HEADER + pageSize, bigEndian, s);
    if (s[0] !== h.getUint32(off + 16) || s[1] !== h.getUint32(off + 20)) break;
    const pgno = h.getUint32(off);
    if (pgno < 1) break;
    frames.push({ pgno, at: off + FRAME_HEADER });
    const size = h.getUint32(off + 4);
    if (size > 0) {
      committed = frames.length;
      dbPages = size;
    }
  }
  if (!committed) return db;
  const out = new Uint8Array(dbPages * pageSize);
  out.set(db.subarray(0, Math.min(db.length, out.length)));
  for (const { pgno, at } of frames.slice(0, committed))
    if (pgno <= dbPages) out.set(wal.subarray(at, at + pageSize), (pgno - 1) * pageSize);
  return out;
}
