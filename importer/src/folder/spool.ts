// The Node host's spool: an append-only scratch file in the staging folder for the risks and issues of
// every file; the pipeline keeps only offsets and reads each file's records back in unit order when it
// writes the tracking workbook.
import { promises as fsp } from 'node:fs';
import type { Span, Spool } from '../import/host';

export class FileSpool implements Spool {
  private pos = 0;
  private constructor(private fh: fsp.FileHandle) {}

  static async open(file: string): Promise<FileSpool> {
    return new FileSpool(await fsp.open(file, 'w+', 0o600));
  }

  async put(value: unknown): Promise<Span> {
    const buf = Buffer.from(JSON.stringify(value), 'utf8');
    const off = this.pos;
    this.pos += buf.length;
    await this.fh.write(buf, 0, buf.length, off);
    return { off, len: buf.length };
  }

  async get<T>(span: Span): Promise<T> {
    const buf = Buffer.alloc(span.len);
    await this.fh.read(buf, 0, span.len, span.off);
    return JSON.parse(buf.toString('utf8')) as T;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
