// Host parts that need no file system: scratch and spool in memory (the browser's; fine for a few
// thousand workbooks), and SHA-256 with WebCrypto where the page is a secure context, else the pure one —
// both give node:crypto's digests.
import { sha256HexBytes } from '../../../templates/src/index';
import type { Scratch, Span, Spool } from './host';

/** Scratch in a Map. `get` hands out a copy: a task's bytes are transferred to a worker and detached. */
export class MemoryScratch implements Scratch {
  private readonly blobs = new Map<string, Uint8Array>();

  async put(key: string, bytes: Uint8Array): Promise<void> {
    this.blobs.set(key, bytes);
  }

  async get(key: string): Promise<Uint8Array> {
    const b = this.blobs.get(key);
    if (!b) throw new Error(`scratch: no ${key}`);
    return b.slice();
  }

  /** The bytes themselves (no copy), for writing the outputs out. */
  peek(key: string): Uint8Array | undefined {
    return this.blobs.get(key);
  }

  clear(): void {
    this.blobs.clear();
  }
}

/** A spool of JSON texts in an array (a span's `off` is its index). */
export class MemorySpool implements Spool {
  private readonly items: string[] = [];

  async put(value: unknown): Promise<Span> {
    const text = JSON.stringify(value);
    this.items.push(text);
    return { off: this.items.length - 1, len: text.length };
  }

  async get<T>(span: Span): Promise<T> {
    return JSON.parse(this.items[span.off]) as T;
  }

  async close(): Promise<void> {
    this.items.length = 0;
  }
}

/** SHA-256 hex: WebCrypto when the platform offers it (secure contexts), else the pure implementation. */
export async function portableSha256(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return sha256HexBytes(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
