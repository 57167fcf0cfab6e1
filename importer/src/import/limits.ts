// The limits every host imports with (the same files are refused or read in Node and in the browser).
import type { ArchiveLimits } from './archive';

/** Time budget of one file in a worker (check and unit report); a timeout is retried once. The return
 *  copy has a budget of the same length of its own. */
export const DEFAULT_BUDGET_MS = 30_000;

/** Files larger than this (compressed) are refused before reading. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** The limits a .zip submission is unpacked with (a zip bomb meets them before anything is inflated). */
export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxEntryBytes: MAX_FILE_BYTES,
  maxTotalBytes: 200 * 1024 * 1024,
};

/** Most workers a pool is given, whatever the machine or the --jobs asked. */
export const MAX_JOBS = 64;
