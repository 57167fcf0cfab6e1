// The core's public API (pure TypeScript: bundled for the task pane as well as used by the importer).
export * from './definition-types';
export { definition, ideologyDefinition } from './definition';
export * from './schema';
export * from './grid';
export * from './layout';
export * from './values';
export {
  workbookBytesToGrid,
  sniffWorkbook,
  fileIssue,
  flattenValue,
  stripDefinedNames,
  stripEmptyCells,
} from './xlsx-grid';
export type { GridOptions, FileKind } from './xlsx-grid';
export { checkGrid, findHeader, MIN_YEAR } from './checker';
export type { CheckOptions } from './checker';
export { checkWorkbookBytes, benchCheckBytes } from './check-bytes';
export type { CheckBytesOptions } from './check-bytes';
