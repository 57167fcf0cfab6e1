// Preloaded into the CLI by the tests (node --import) to play Windows with a file open in Excel: replacing
// or opening for writing a file named $YANPAN_TEST_LOCKED fails with EBUSY, the first
// $YANPAN_TEST_LOCKED_TIMES times (default: always), or until the file $YANPAN_TEST_UNLOCK exists.
import fs from 'node:fs';
import path from 'node:path';

const name = process.env.YANPAN_TEST_LOCKED;
const unlockFile = process.env.YANPAN_TEST_UNLOCK;
let left = Number(process.env.YANPAN_TEST_LOCKED_TIMES ?? Infinity);

function locked(target) {
  if (!name || path.basename(String(target)) !== name) return false;
  if (unlockFile && fs.existsSync(unlockFile)) return false;
  if (left <= 0) return false;
  left--;
  return true;
}

function ebusy(syscall, target) {
  return Object.assign(new Error(`EBUSY: resource busy or locked, ${syscall} '${target}'`), {
    errno: -16,
    code: 'EBUSY',
    syscall,
    path: String(target),
  });
}

const { rename, open } = fs.promises;
fs.promises.rename = async (from, to) => {
  if (locked(to)) throw Object.assign(ebusy('rename', from), { dest: String(to) });
  return rename(from, to);
};
fs.promises.open = async (file, flags, mode) => {
  if (flags && flags !== 'r' && locked(file)) throw ebusy('open', file);
  return open(file, flags, mode);
};
