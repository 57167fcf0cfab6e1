// The Node host's tracking book: exceljs' streaming WorkbookWriter (rows are written out as they are
// committed, so 20,000 units' rows never sit in memory as cell objects), into a stream that collects the
// package's bytes.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ZIP_EPOCH } from '../../../templates/src/index';
import type { TrackingBookFactory } from '../import/tracking-book';

/**
 * exceljs' streaming writer hands every part to archiver without a date, and archiver stamps each with
 * the current time, so the same workbook would differ from run to run. The constructor's first call
 * (addThemes) comes right after it creates the archive: from there on every part gets ZIP_EPOCH.
 */
export class StableWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    const zip = (this as unknown as { zip?: { append: (src: unknown, data: object) => unknown } }).zip;
    if (zip && !(zip as { pinned?: boolean }).pinned) {
      const append = zip.append.bind(zip);
      zip.append = (src: unknown, data: object) => append(src, { ...data, date: ZIP_EPOCH });
      (zip as { pinned?: boolean }).pinned = true;
    }
    return super.addThemes();
  }
}

export const streamingTrackingBook: TrackingBookFactory = (created) => {
  const chunks: Uint8Array[] = [];
  const stream = new Writable({
    write(chunk: Uint8Array, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new StableWorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
    created,
    modified: created,
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  return {
    wb,
    async finish() {
      await wb.commit();
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
};
