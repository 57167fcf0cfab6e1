// Moving a sheet to the front of a workbook (the tab a reader sees first), for writers that can only
// add sheets in the order they stream them: the sheet's entry moves to the head of <sheets>, every
// sheet-local defined name (print titles, filters) follows its sheet's new position, and the workbook
// opens on it. Pure TypeScript, on the package and XML layers.
import { PackageError, type Package } from '../ooxml/package';
import { childElement, childElements, getAttr, removeChild, setAttr } from '../ooxml/xml';

/** Makes `sheetName` the first tab and the one the workbook opens on. */
export function putSheetFirst(pkg: Package, sheetName: string, workbookPart = 'xl/workbook.xml'): void {
  const doc = pkg.edit(workbookPart);
  if (!doc) throw new PackageError(`文件中没有工作簿部件“${workbookPart}”`);
  const wb = doc.root;
  const sheets = childElement(wb, wb.ns, 'sheets');
  const list = sheets ? childElements(sheets, wb.ns, 'sheet') : [];
  const from = list.findIndex((s) => getAttr(s, 'name') === sheetName);
  if (!sheets || from < 0) throw new PackageError(`工作簿中没有工作表“${sheetName}”`);
  if (from > 0) {
    const moved = list[from];
    removeChild(sheets, moved);
    const firstAt = sheets.children.indexOf(list[0]);
    moved.parent = sheets;
    sheets.children.splice(firstAt, 0, moved);
    // Old position → new position: the moved sheet becomes 0, those before it shift by one.
    const newIndex = (i: number) => (i === from ? 0 : i < from ? i + 1 : i);
    const names = childElement(wb, wb.ns, 'definedNames');
    for (const dn of names ? childElements(names, wb.ns, 'definedName') : []) {
      const local = getAttr(dn, 'localSheetId');
      if (local !== undefined && /^\d+$/.test(local))
        setAttr(dn, 'localSheetId', String(newIndex(Number(local))));
    }
  }
  const views = childElement(wb, wb.ns, 'bookViews');
  for (const v of views ? childElements(views, wb.ns, 'workbookView') : []) {
    setAttr(v, 'activeTab', '0');
    setAttr(v, 'firstSheet', '0');
  }
}
