// The core's one public entry (pure TypeScript, no fs and no Office): importer/, addin/ and examples/
// import only this file. Laid out by role — standard/ (the standard as data), ooxml/ (XML and ZIP),
// xlsx/ (bytes ⇄ grid), check/ (grid + definition → submission and issues), template/ (definition →
// workbook), report/ (submissions → GB/T 9704 documents), roster/ (单位名册).
export * from './standard/types';
export * from './standard/definition';
export * from './standard/registry';
export * from './standard/roles';
export * from './standard/format';
export * from './standard/messages';
export * from './standard/schema';
export * from './standard/hash';
export * from './samples/submission';
export { sampleSummaryInput } from './samples/summary';
export * from './ooxml/xml';
export * from './ooxml/zip';
export * from './ooxml/package';
export * from './ooxml/chart';
export * from './ooxml/xlsx-charts';
export * from './xlsx/grid';
export * from './xlsx/read';
export * from './xlsx/reader';
export * from './xlsx/sheet-order';
export * from './check/values';
export * from './check/checker';
export * from './check/check-bytes';
export * from './template/layout';
export * from './template/writer';
export * from './template/fill';
export * from './roster/roster';
export * from './report/index';
export * from './roster/round';
export * from './roster/carry';
