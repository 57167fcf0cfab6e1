// The Node host of the import pipeline: worker threads, the private staging folder inside the output
// folder for staged bytes and the spool (memory stays bounded at 20,000 units), node:crypto, and exceljs'
// streaming writer.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportHost, Scratch } from '../import/host';
import { MemoryScratch, MemorySpool } from '../import/memory-host';
import { ThreadPool } from './pool';
import { FileSpool } from './spool';
import { streamingTrackingBook } from './tracking-book';

/** Scratch as private (0600) files in the staging folder; a key is a file name there. */
export class StagingScratch implements Scratch {
  constructor(readonly dir: string) {}

  pathOf(key: string): string {
    return path.join(this.dir, key);
  }

  async put(key: string, bytes: Uint8Array, opts: { durable?: boolean } = {}): Promise<void> {
    const fh = await fsp.open(this.pathOf(key), 'w', 0o600);
    try {
      await fh.writeFile(bytes);
      if (opts.durable) await fh.sync();
    } finally {
      await fh.close();
    }
  }

  async get(key: string): Promise<Uint8Array> {
    return new Uint8Array(await fsp.readFile(this.pathOf(key)));
  }
}

/**
 * The Node host without a staging folder: scratch and spool in memory (for a run that writes nothing,
 * such as yanpan remind; fine for a few thousand workbooks).
 */
export function memoryNodeHost(): ImportHost {
  return {
    openPool: (threads, budgetMs) => new ThreadPool(threads, budgetMs),
    parallelism: os.availableParallelism(),
    scratch: new MemoryScratch(),
    openSpool: async () => new MemorySpool(),
    sha256: async (bytes) => createHash('sha256').update(bytes).digest('hex'),
  };
}

export function nodeHost(staging: string): ImportHost & { scratch: StagingScratch } {
  return {
    openPool: (threads, budgetMs) => new ThreadPool(threads, budgetMs),
    parallelism: os.availableParallelism(),
    scratch: new StagingScratch(staging),
    openSpool: () => FileSpool.open(path.join(staging, 'spool.jsonl')),
    sha256: async (bytes) => createHash('sha256').update(bytes).digest('hex'),
    trackingBook: streamingTrackingBook,
  };
}
