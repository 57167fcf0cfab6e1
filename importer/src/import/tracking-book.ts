// The exceljs workbook the tracking workbook is written into, and how its bytes come out. The host picks
// the writer (ImportHost.trackingBook): Node streams the sheets with exceljs' WorkbookWriter
// (folder/tracking-book.ts), which exists only in exceljs' Node build; here is the in-memory Workbook,
// which both builds have — the browser's writer. The same rows give the same cell values either way.
import ExcelJS from 'exceljs';
import type { SheetBook } from './sheet-style';

export interface TrackingBook {
  /** The workbook the sheets are added to; their rows and sheets are committed as they are done. */
  wb: SheetBook;
  /** Closes the workbook and returns its bytes. */
  finish(): Promise<Uint8Array>;
}

/** Makes the book; `created` is the workbook's created/modified time. */
export type TrackingBookFactory = (created: Date) => TrackingBook;

/** exceljs' in-memory Workbook, whose sheets are given the streaming writer's commit() (a no-op here). */
export const memoryTrackingBook: TrackingBookFactory = (created) => {
  const wb = new ExcelJS.Workbook();
  wb.created = created;
  wb.modified = created;
  const addWorksheet = wb.addWorksheet.bind(wb);
  wb.addWorksheet = (...args: Parameters<ExcelJS.Workbook['addWorksheet']>) => {
    const ws = addWorksheet(...args);
    ws.commit = () => undefined;
    return ws;
  };
  return {
    wb,
    finish: async () => new Uint8Array(await wb.xlsx.writeBuffer()),
  };
};
