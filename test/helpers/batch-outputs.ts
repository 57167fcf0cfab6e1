// What two imports are compared on (the CLI's output folder, the page's .zip, the memory host's scratch):
// the list of outputs, every cell value of every sheet of the tracking workbook, the text of every
// report, and the comments of every return copy.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { childElements, parseXml, textContent, getAttr, unzip } from '../../templates/src/index';
import { docxText } from '../addin-fixtures';
import { exceljsGrid } from './exceljs-grid';

export type OutputFiles = Map<string, Uint8Array>;

/** The outputs of an output folder, by their "/"-separated path (our own files and the store left out). */
export function folderOutputs(dir: string): OutputFiles {
  const out: OutputFiles = new Map();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'yanpan.db') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.set(r, new Uint8Array(readFileSync(path.join(d, e.name))));
    }
  };
  walk(dir, '');
  return out;
}

/** The files of a .zip, by path. */
export function zipOutputs(bytes: Uint8Array): OutputFiles {
  return new Map(unzip(bytes).map((e) => [e.name, e.data]));
}

/** Every comment of a workbook: "part ref: text", sorted. */
export async function workbookComments(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/comments\d*\.xml$/.test(n))) {
    const root = parseXml(await zip.file(name)!.async('string')).root;
    const list = childElements(root).find((e) => e.local === 'commentList');
    for (const c of list ? childElements(list) : [])
      out.push(`${name} ${getAttr(c, 'ref')}: ${textContent(c)}`);
  }
  return out.sort();
}

export interface OutputDigest {
  paths: string[];
  tracking: unknown;
  texts: Record<string, string>;
  comments: Record<string, string[]>;
}

/** The parts of the outputs that must agree between hosts. */
export async function outputDigest(files: OutputFiles): Promise<OutputDigest> {
  const paths = [...files.keys()].sort();
  const texts: Record<string, string> = {};
  const comments: Record<string, string[]> = {};
  let tracking: unknown = null;
  for (const p of paths) {
    const bytes = files.get(p)!;
    if (p.endsWith('.docx')) texts[p] = await docxText(bytes);
    else if (p.includes('/') && p.endsWith('.xlsx')) comments[p] = await workbookComments(bytes);
    else if (p.endsWith('.xlsx')) tracking = (await exceljsGrid(bytes)).sheets;
  }
  return { paths, tracking, texts, comments };
}
