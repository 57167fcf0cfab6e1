// An append-only scratch file for the risks and issues of every file: the main thread keeps only offsets,
// and reads each file's records back in unit order when it writes the tracking workbook.
import { promises as fsp } from 'node:fs';

export interface Span {
  off: number;
  len: number;
}

export class Spool {
  private pos = 0;
  private constructor(private fh: fsp.FileHandle) {}

  static async open(file: string): Promise<Spool> {
    return new Spool(await fsp.open(file, 'w+'));
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
