// Editing an OPC package (ECMA-376 Part 2) part by part on the XML and zip layers: parts are parsed once
// and only those edited or added are written anew; every other entry is copied still compressed, so a
// patch keeps the rest of the file byte for byte. Relationships and content types are added through the
// XML tree, keeping each writer's prefixes and declarations (openpyxl, Excel, exceljs, Strict). Used by
// the importer's return copies and by xlsx-charts.ts. Pure TypeScript (no fs).
import { relsPartOf, resolvePartName } from '../xlsx/reader';
import {
  appendChild,
  canonicalNs,
  childElements,
  createElement,
  decodeXmlBytes,
  getAttr,
  NS,
  parseXml,
  relType,
  removeChild,
  serializeXml,
  setText,
  type XmlDocument,
  type XmlElement,
} from './xml';
import { deflatedEntry, writeZip, type ZipEntry, type ZipReader } from './zip';

/** A package that cannot be edited; the message (Chinese) says why. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

// ---------------------------------------------------------------------------------------------------
// The package: parts read once, parts rewritten, parts added

export class Package {
  private readonly docs = new Map<string, XmlDocument>();
  private readonly edited = new Set<string>();
  private readonly added = new Map<string, XmlDocument>();
  private readonly dropped = new Set<string>();

  constructor(readonly zip: ZipReader) {}

  /** The stored name of a part (names compare without ASCII case), or the name itself for a new one. */
  private key(name: string): string {
    return this.zip.entry(name)?.name ?? name;
  }

  has(name: string): boolean {
    const k = this.key(name);
    if (this.added.has(k)) return true;
    for (const a of this.added.keys()) if (a.toLowerCase() === name.toLowerCase()) return true;
    return this.zip.has(name) && !this.dropped.has(k);
  }

  /** The part's tree (parsed once), or null when there is no such part. Throws XmlError. */
  read(name: string): XmlDocument | null {
    const k = this.key(name);
    const doc = this.added.get(k) ?? this.docs.get(k);
    if (doc) return doc;
    if (this.dropped.has(k)) return null;
    const bytes = this.zip.read(k);
    if (!bytes) return null;
    const parsed = parseXml(decodeXmlBytes(bytes));
    this.docs.set(k, parsed);
    return parsed;
  }

  /** The part's tree, to be written back. */
  edit(name: string): XmlDocument | null {
    const doc = this.read(name);
    if (doc && !this.added.has(this.key(name))) this.edited.add(this.key(name));
    return doc;
  }

  add(name: string, doc: XmlDocument): void {
    this.added.set(name, doc);
  }

  drop(name: string): void {
    const k = this.key(name);
    this.dropped.add(k);
    this.edited.delete(k);
  }

  /** Bytes of the raw part (for scanning without a tree). */
  bytes(name: string): Uint8Array | undefined {
    return this.zip.read(this.key(name));
  }

  /** The new package: the original's entries in order (rewritten ones deflated anew), then the new parts. */
  write(): Uint8Array {
    const out: ZipEntry[] = [];
    for (const name of this.zip.names()) {
      if (this.dropped.has(name)) continue;
      if (this.edited.has(name)) {
        out.push(deflatedEntry(name, serializeXml(this.docs.get(name)!)));
        continue;
      }
      const raw = this.zip.rawEntry(name);
      if (!raw) throw new PackageError(`文件中的部件“${name}”无法复制（压缩方式不受支持）`);
      out.push(raw);
    }
    for (const [name, doc] of this.added) out.push(deflatedEntry(name, serializeXml(doc)));
    return writeZip(out);
  }
}

/** A new document whose root {ns}local declares `ns` (as written, Strict or not) as the default. */
export function newXmlDocument(local: string, ns: string): XmlDocument {
  const attrs = [{ name: 'xmlns', value: ns }];
  return {
    decl: { version: '1.0', standalone: 'yes' },
    root: { type: 'element', name: local, local, ns: canonicalNs(ns), attrs, children: [], parent: null },
    before: [],
    after: [],
  };
}

/**
 * A new document whose root is `prefix:local` in namespace `namespaces[prefix]`, declaring every
 * namespace of `namespaces` (prefix → URI) on the root, so that children in them get those prefixes.
 */
export function newPrefixedDocument(
  prefix: string,
  local: string,
  namespaces: Readonly<Record<string, string>>,
): XmlDocument {
  const ns = namespaces[prefix];
  if (ns === undefined) throw new PackageError(`namespace prefix ${prefix} is not declared`);
  const attrs = Object.entries(namespaces).map(([p, uri]) => ({ name: `xmlns:${p}`, value: uri }));
  return {
    decl: { version: '1.0', standalone: 'yes' },
    root: {
      type: 'element',
      name: `${prefix}:${local}`,
      local,
      ns: canonicalNs(ns),
      attrs,
      children: [],
      parent: null,
    },
    before: [],
    after: [],
  };
}

/** A part name `${prefix}${n}${suffix}` not yet in the package, n counting from 1. */
export function freePartName(pkg: Package, prefix: string, suffix: string): string {
  let n = 1;
  while (pkg.has(`${prefix}${n}${suffix}`)) n++;
  return `${prefix}${n}${suffix}`;
}

/**
 * Appends a new child {ns}local and returns it: named with the parent's own prefix when it is in the
 * parent's namespace (that prefix is in scope), else with the prefix in scope for `ns` (createElement;
 * `prefixHint` names the prefix it declares when none is).
 */
export function appendElement(
  parent: XmlElement,
  local: string,
  attrs: Record<string, string | number> = {},
  ns: string = parent.ns,
  prefixHint?: string,
): XmlElement {
  let el: XmlElement;
  if (ns === parent.ns && ns !== '') {
    const colon = parent.name.indexOf(':');
    const list = [];
    for (const k in attrs) list.push({ name: k, value: String(attrs[k]) });
    el = {
      type: 'element',
      name: colon < 0 ? local : `${parent.name.slice(0, colon + 1)}${local}`,
      local,
      ns,
      attrs: list,
      children: [],
      parent,
    };
  } else el = createElement(parent, ns, local, attrs, prefixHint);
  appendChild(parent, el);
  return el;
}

/** Appends a text element (e.g. <t>), space-preserving when the text needs it. */
export function appendTextElement(
  parent: XmlElement,
  local: string,
  text: string,
  ns: string = parent.ns,
): XmlElement {
  const keep = text !== text.trim() || text.includes('\n');
  const el = appendElement(parent, local, keep ? { 'xml:space': 'preserve' } : {}, ns);
  setText(el, text);
  return el;
}

/** A relationship target for `to`, relative to the folder of `from`. */
export function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

// ---------------------------------------------------------------------------------------------------
// Relationships and content types

export interface PartRel {
  id: string;
  type: string;
  target: string;
}

export class Rels {
  readonly list: PartRel[] = [];
  private doc: XmlDocument | null;
  private readonly ids = new Set<string>();

  constructor(
    private readonly pkg: Package,
    private readonly part: string,
    private readonly relBase: string,
  ) {
    this.doc = pkg.read(relsPartOf(part));
    if (!this.doc) return;
    for (const r of childElements(this.doc.root)) {
      if (r.local !== 'Relationship') continue;
      const id = getAttr(r, 'Id');
      if (id === undefined) continue;
      this.ids.add(id);
      const target = getAttr(r, 'Target');
      if (target === undefined || getAttr(r, 'TargetMode') === 'External') continue;
      this.list.push({ id, type: relType(getAttr(r, 'Type') ?? ''), target: resolvePartName(part, target) });
    }
  }

  get(id: string | undefined): PartRel | undefined {
    return id === undefined ? undefined : this.list.find((r) => r.id === id);
  }

  ofType(type: string): PartRel | undefined {
    return this.list.find((r) => r.type === type);
  }

  /** Adds a relationship to `target` (a part name); returns its id. */
  add(type: string, target: string): string {
    const relsPart = relsPartOf(this.part);
    if (!this.doc) {
      this.doc = newXmlDocument('Relationships', NS.rels);
      this.pkg.add(relsPart, this.doc);
    } else this.pkg.edit(relsPart);
    let n = this.ids.size + 1;
    while (this.ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.ids.add(id);
    appendElement(this.doc.root, 'Relationship', {
      Id: id,
      Type: `${this.relBase}/${type}`,
      Target: relativeTarget(this.part, target),
    });
    this.list.push({ id, type, target });
    return id;
  }

  /** Removes the relationship with this id. */
  remove(id: string): void {
    if (!this.doc) return;
    this.pkg.edit(relsPartOf(this.part));
    for (const r of childElements(this.doc.root)) if (getAttr(r, 'Id') === id) removeChild(this.doc.root, r);
    const i = this.list.findIndex((r) => r.id === id);
    if (i >= 0) this.list.splice(i, 1);
  }
}

export class ContentTypes {
  private readonly doc: XmlDocument;
  private readonly overrides = new Set<string>();
  private readonly defaults = new Set<string>();
  private editing = false;

  constructor(private readonly pkg: Package) {
    const doc = pkg.read('[Content_Types].xml');
    if (!doc) throw new PackageError('文件缺少内容类型部件（[Content_Types].xml）');
    this.doc = doc;
    for (const el of childElements(doc.root)) {
      if (el.local === 'Override') this.overrides.add((getAttr(el, 'PartName') ?? '').toLowerCase());
      if (el.local === 'Default') this.defaults.add((getAttr(el, 'Extension') ?? '').toLowerCase());
    }
  }

  private touch(): void {
    if (!this.editing) this.pkg.edit('[Content_Types].xml');
    this.editing = true;
  }

  override(part: string, type: string): void {
    const name = `/${part}`;
    if (this.overrides.has(name.toLowerCase())) return;
    this.touch();
    this.overrides.add(name.toLowerCase());
    appendElement(this.doc.root, 'Override', { PartName: name, ContentType: type });
  }

  /** A Default for the extension, unless the part has an Override or the extension a Default. */
  byExtension(part: string, ext: string, type: string): void {
    if (this.overrides.has(`/${part}`.toLowerCase()) || this.defaults.has(ext)) return;
    this.touch();
    this.defaults.add(ext);
    // Defaults come before Overrides (CT_Types is a choice, but Excel writes them first).
    const el = createElement(this.doc.root, this.doc.root.ns, 'Default', {
      Extension: ext,
      ContentType: type,
    });
    el.parent = this.doc.root;
    const first = this.doc.root.children.findIndex((c) => c.type === 'element');
    this.doc.root.children.splice(Math.max(0, first), 0, el);
  }
}
