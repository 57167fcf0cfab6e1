// Legacy string helpers still used by the importer's return copy (importer/src/import/return-copy*.ts),
// which is moving onto the XML layer (xml.ts). New code parses with xml.ts and zips with zip.ts.
export { xmlEscape } from './xml';

/** Resolves the five predefined entities (&amp; last, so "&amp;lt;" stays "&lt;"). */
export function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The raw (still escaped) value of attribute `name` in a start tag, or null when it is absent. */
export function xmlAttr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}
