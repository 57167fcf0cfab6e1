// The one XML layer: every OOXML part the project reads or patches goes through here. Built on saxes (a
// conforming, namespace-aware SAX parser, pure JS: it runs in the import worker and in the browser bundle).
//   - parseXml: a small tree with resolved namespaces, for patching and for small parts;
//   - saxXml: a streaming pass (no tree) for sheet data and shared strings;
//   - serializeXml: writes a tree back, keeping every namespace declaration where the writer put it
//     (openpyxl declares them on elements, not on the root).
// DOCTYPE (and so any entity declaration) is refused; only the five predefined entities and character
// references are resolved. Element count and nesting depth are limited.
// Pure code (no fs/path/process/Buffer).
import { SaxesParser, type SaxesTagNS } from 'saxes';

// ---------------------------------------------------------------------------------------------------
// Namespaces

export const NS = {
  /** SpreadsheetML (transitional). Strict's main namespace is read as this one (see canonicalNs). */
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  /** Relationship ids in parts (r:id). */
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  /** Package relationships (_rels/*.rels). */
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  /** [Content_Types].xml */
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  x14ac: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac',
  xr: 'http://schemas.microsoft.com/office/spreadsheetml/2014/revision',
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const;

/** Strict OOXML (ISO/IEC 29500 Strict, Excel's "Strict Open XML" save) namespace → transitional one. */
const STRICT_TO_TRANSITIONAL: Record<string, string> = {
  'http://purl.oclc.org/ooxml/spreadsheetml/main': NS.main,
  'http://purl.oclc.org/ooxml/officeDocument/relationships': NS.r,
  'http://purl.oclc.org/ooxml/drawingml/main': 'http://schemas.openxmlformats.org/drawingml/2006/main',
  'http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing':
    'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  'http://purl.oclc.org/ooxml/officeDocument/sharedTypes':
    'http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes',
  'http://purl.oclc.org/ooxml/officeDocument/extendedProperties':
    'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': NS.w,
};

/** The namespace an element or attribute is matched by: Strict URIs map to their transitional twins. */
export function canonicalNs(uri: string): string {
  // saxes hands out the same string object for every element of a namespace: an identity hit is cheap,
  // where comparing 60-character URIs by content on every element is not
  if (uri === lastUri) return lastCanonical;
  lastUri = uri;
  lastCanonical = STRICT_TO_TRANSITIONAL[uri] ?? uri;
  return lastCanonical;
}
let lastUri = '';
let lastCanonical = '';

/**
 * The last path segment of a relationship type, the same for transitional
 * (http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet) and Strict
 * (http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet): "worksheet".
 */
export function relType(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------------------------------------------
// Errors and limits

export type XmlErrorCode = 'malformed' | 'doctype' | 'tooManyElements' | 'tooDeep';

/** Any failure of the XML layer; `code` says which (a limit, a DOCTYPE, or not well-formed XML). */
export class XmlError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
    /** The limit that was exceeded (tooManyElements, tooDeep). */
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlLimits {
  /** Most elements in one part. Default 2,000,000 (about 650,000 cells; the standard template has ~2,000). */
  maxElements?: number;
  /** Deepest nesting. Default 128 (OOXML parts nest about 10 deep, drawings about 30). */
  maxDepth?: number;
}

export const XML_LIMITS: Required<XmlLimits> = { maxElements: 2_000_000, maxDepth: 128 };

// ---------------------------------------------------------------------------------------------------
// Bytes → text

const decoders = new Map<string, TextDecoder>();
function decoderFor(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = new TextDecoder('utf-8');
    }
    decoders.set(label, d);
  }
  return d;
}

/**
 * A part's bytes as text: UTF-8 unless a byte-order mark or the XML declaration says otherwise
 * (UTF-16 with a BOM, or e.g. encoding="GBK"). The BOM is dropped.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return decoderFor('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return decoderFor('utf-16be').decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // The declared encoding, when it is not UTF-8: read from the ASCII declaration <?xml … encoding="…"?>.
  let label = 'utf-8';
  if (start === 0 && bytes[0] === 0x3c && bytes[1] === 0x3f) {
    let end = 2;
    while (end < bytes.length && end < 200 && bytes[end] !== 0x3e) end++;
    const decl = String.fromCharCode(...bytes.subarray(0, end));
    const at = decl.indexOf('encoding');
    if (at >= 0) {
      const q = decl.slice(at + 8).replace(/^\s*=\s*/, '');
      const quote = q[0];
      if (quote === '"' || quote === "'") {
        const name = q.slice(1, q.indexOf(quote, 1)).toLowerCase();
        if (name && name !== 'utf-8' && name !== 'utf8') label = name;
      }
    }
  }
  return decoderFor(label).decode(start ? bytes.subarray(start) : bytes);
}

// ---------------------------------------------------------------------------------------------------
// Streaming

/** An attribute as the streaming handler sees it (saxes' own object). */
export interface SaxAttr {
  value: string;
  /** Local name. */
  local: string;
  /** Namespace URI as written ('' for unprefixed attributes). */
  uri: string;
}

/** An open tag as the streaming handler sees it. */
export interface SaxTag {
  /** Qualified name as written, e.g. "x:c" or "c". */
  name: string;
  /** Local name, e.g. "c". */
  local: string;
  /** Canonical namespace URI ('' for none). */
  ns: string;
  /** Attributes by qualified name as written: tag.attrs.r?.value (values decoded). */
  attrs: Record<string, SaxAttr>;
  /** Whether it was written <c/>. */
  selfClosing: boolean;
}

/** The value of the attribute with this local name and namespace (canonical; '' = unprefixed). */
export function saxAttr(tag: SaxTag, local: string, ns = ''): string | undefined {
  const attributes = tag.attrs;
  for (const k in attributes) {
    const a = attributes[k];
    if (a.local === local && canonicalNs(a.uri) === ns) return a.value;
  }
  return undefined;
}

export interface SaxHandler {
  open?(tag: SaxTag, depth: number): void;
  close?(tag: SaxTag, depth: number): void;
  /** Character data (entities resolved, CDATA included, line ends normalised to \n). */
  text?(text: string, depth: number): void;
}

/**
 * What a parse run does with saxes' events. Both modes (tree and streaming) register the same six
 * handlers in the same order: saxes keeps them as properties of the parser, and a seventh (xmldecl,
 * comment or processinginstruction) or parsers of mixed shapes make its hot loop 3-4x slower (measured).
 * So comments and processing instructions are skipped, and the declaration is read from parser.xmlDecl.
 */
interface Sink {
  open(t: SaxesTagNS): void;
  close(): void;
  text(s: string): void;
  cdata(s: string): void;
}

const noop = () => {};

function makeParser(
  limits: XmlLimits | undefined,
  sink: Sink,
): {
  parser: SaxesParser<{ xmlns: true; position: false }>;
  enter: () => number;
  leave: () => void;
} {
  const maxElements = limits?.maxElements ?? XML_LIMITS.maxElements;
  const maxDepth = limits?.maxDepth ?? XML_LIMITS.maxDepth;
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('doctype', () => {
    throw new XmlError('doctype', 'XML with a DOCTYPE (entity declarations) is refused');
  });
  parser.on('error', (e) => {
    throw e instanceof XmlError ? e : new XmlError('malformed', e.message);
  });
  parser.on('opentag', (t) => sink.open(t));
  parser.on('closetag', () => sink.close());
  parser.on('text', (t) => sink.text(t));
  parser.on('cdata', (t) => sink.cdata(t));
  let elements = 0;
  let depth = 0;
  return {
    parser,
    enter: () => {
      if (++elements > maxElements)
        throw new XmlError('tooManyElements', `more than ${maxElements} elements`, maxElements);
      if (++depth > maxDepth) throw new XmlError('tooDeep', `nested deeper than ${maxDepth}`, maxDepth);
      return depth;
    },
    leave: () => {
      depth--;
    },
  };
}

/**
 * Feeds the text and closes; returns the XML declaration's fields (saxes resets them on close). Parse
 * errors arrive as XmlError through the error handler; whatever a handler throws passes through as is.
 */
function run(
  parser: SaxesParser<{ xmlns: true; position: false }>,
  xml: string,
): { version?: string; standalone?: string } {
  parser.write(xml);
  const decl = { version: parser.xmlDecl.version, standalone: parser.xmlDecl.standalone };
  parser.close();
  return decl;
}

/**
 * Streams through XML text: `open`/`close` per element (with its depth, root = 1), `text` per run of
 * character data. Throws XmlError when the XML is not well-formed, has a DOCTYPE, or passes a limit; a
 * handler may throw to stop early.
 */
export function saxXml(xml: string, handler: SaxHandler, limits?: XmlLimits): void {
  const stack: SaxTag[] = [];
  let depth = 0;
  const onText = handler.text
    ? (s: string) => {
        if (s !== '') handler.text!(s, depth);
      }
    : noop;
  const sink: Sink = {
    open(t) {
      depth = enter();
      const tag: SaxTag = {
        name: t.name,
        local: t.local,
        ns: canonicalNs(t.uri),
        attrs: t.attributes,
        selfClosing: t.isSelfClosing,
      };
      stack.push(tag);
      handler.open?.(tag, depth);
    },
    close() {
      const tag = stack.pop()!;
      handler.close?.(tag, depth);
      leave();
      depth--;
    },
    text: onText,
    cdata: onText,
  };
  const { parser, enter, leave } = makeParser(limits, sink);
  run(parser, xml);
}

// ---------------------------------------------------------------------------------------------------
// Tree

export interface XmlAttr {
  /** Qualified name as written ("r:id", "xmlns:x14ac", "ref"). */
  name: string;
  value: string;
}

export interface XmlElement {
  type: 'element';
  /** Qualified name as written (prefix kept, so serialization keeps the writer's prefixes). */
  name: string;
  /** Local name. */
  local: string;
  /** Canonical namespace URI of the element ('' for none). */
  ns: string;
  /** Attributes in document order, namespace declarations included (xmlns, xmlns:p). */
  attrs: XmlAttr[];
  children: XmlNode[];
  parent: XmlElement | null;
}

/** Comments and processing instructions are skipped by the parser (see Sink); they can be written. */
export interface XmlText {
  type: 'text';
  text: string;
  /** Written back as a CDATA section. */
  cdata?: boolean;
}

export interface XmlComment {
  type: 'comment';
  text: string;
}

export interface XmlPI {
  type: 'pi';
  target: string;
  body: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlPI;

export interface XmlDocument {
  /** The XML declaration, when there was one (written back as UTF-8). */
  decl: { version: string; standalone?: string } | null;
  root: XmlElement;
  /** Comments and processing instructions around the root element (the parser skips them; code may add). */
  before: (XmlComment | XmlPI)[];
  after: (XmlComment | XmlPI)[];
}

/** Parses XML text into a tree with resolved namespaces. Throws XmlError. */
export function parseXml(xml: string, limits?: XmlLimits): XmlDocument {
  let root: XmlElement | null = null;
  let cur: XmlElement | null = null;
  const sink: Sink = {
    open(t) {
      enter();
      const attrs: XmlAttr[] = [];
      for (const k in t.attributes) attrs.push({ name: k, value: t.attributes[k].value });
      const el: XmlElement = {
        type: 'element',
        name: t.name,
        local: t.local,
        ns: canonicalNs(t.uri),
        attrs,
        children: [],
        parent: cur,
      };
      if (cur) cur.children.push(el);
      else root = el;
      cur = el;
    },
    close() {
      leave();
      cur = cur!.parent;
    },
    text(s) {
      if (cur && s !== '') {
        const last = cur.children[cur.children.length - 1];
        if (last?.type === 'text' && !last.cdata) last.text += s;
        else cur.children.push({ type: 'text', text: s });
      }
    },
    cdata(s) {
      if (cur) cur.children.push({ type: 'text', text: s, cdata: true });
    },
  };
  const { parser, enter, leave } = makeParser(limits, sink);
  const xd = run(parser, xml);
  if (!root) throw new XmlError('malformed', 'no root element');
  const d = xd.version !== undefined ? xd : null;
  const decl = d
    ? { version: d.version ?? '1.0', ...(d.standalone ? { standalone: d.standalone } : {}) }
    : null;
  return { decl, root, before: [], after: [] };
}

/** Parses a part's bytes (see decodeXmlBytes) into a tree. */
export function parseXmlBytes(bytes: Uint8Array, limits?: XmlLimits): XmlDocument {
  return parseXml(decodeXmlBytes(bytes), limits);
}

// ---------------------------------------------------------------------------------------------------
// Finding things

/** Whether a node is the element {ns}local (ns canonical; '' = no namespace). */
export function isElement(n: XmlNode | undefined | null, ns: string, local: string): n is XmlElement {
  return !!n && n.type === 'element' && n.local === local && n.ns === ns;
}

/** Child elements, all or those named {ns}local. */
export function childElements(el: XmlElement, ns?: string, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children)
    if (c.type === 'element' && (local === undefined || (c.local === local && c.ns === ns))) out.push(c);
  return out;
}

/** The first child element named {ns}local, or null. */
export function childElement(el: XmlElement, ns: string, local: string): XmlElement | null {
  for (const c of el.children) if (c.type === 'element' && c.local === local && c.ns === ns) return c;
  return null;
}

/**
 * The element reached from `el` by a path of local names in one namespace, e.g.
 * findPath(root, NS.main, 'sheets', 'sheet') → the first <sheet> of <sheets>; null when absent.
 */
export function findPath(el: XmlElement, ns: string, ...locals: string[]): XmlElement | null {
  let cur: XmlElement | null = el;
  for (const l of locals) {
    if (!cur) return null;
    cur = childElement(cur, ns, l);
  }
  return cur;
}

/** Every descendant element named {ns}local, in document order. */
export function descendants(el: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlNode[] = [...el.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    if (n.local === local && n.ns === ns) out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** The namespace URI bound to `prefix` ('' = default namespace) at `el`, as written (not canonical). */
export function lookupNamespaceUri(el: XmlElement | null, prefix: string): string | null {
  if (prefix === 'xml') return NS.xml;
  const decl = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let e = el; e; e = e.parent) {
    const a = e.attrs.find((x) => x.name === decl);
    if (a) return a.value;
  }
  return prefix === '' ? '' : null;
}

/** A prefix bound to namespace `ns` (canonical) at `el`: '' for the default namespace, null if none. */
export function lookupPrefix(el: XmlElement | null, ns: string): string | null {
  const seen = new Set<string>();
  for (let e = el; e; e = e.parent) {
    for (const a of e.attrs) {
      let prefix: string | null = null;
      if (a.name === 'xmlns') prefix = '';
      else if (a.name.startsWith('xmlns:')) prefix = a.name.slice(6);
      if (prefix === null || seen.has(prefix)) continue;
      seen.add(prefix);
      if (canonicalNs(a.value) === ns) return prefix;
    }
  }
  if (ns === '' && !seen.has('')) return '';
  return null;
}

function splitName(name: string): { prefix: string; local: string } {
  const i = name.indexOf(':');
  return i < 0 ? { prefix: '', local: name } : { prefix: name.slice(0, i), local: name.slice(i + 1) };
}

/** The attribute with this local name in namespace `ns` (canonical; '' = unprefixed), or undefined. */
export function getAttr(el: XmlElement, local: string, ns = ''): string | undefined {
  for (const a of el.attrs) {
    const { prefix, local: l } = splitName(a.name);
    if (l !== local) continue;
    if (
      prefix === ''
        ? ns === ''
        : prefix !== 'xmlns' && canonicalNs(lookupNamespaceUri(el, prefix) ?? '') === ns
    )
      return a.value;
  }
  return undefined;
}

/** Text content: the concatenated character data of every descendant. */
export function textContent(el: XmlElement): string {
  let s = '';
  for (const c of el.children) {
    if (c.type === 'text') s += c.text;
    else if (c.type === 'element') s += textContent(c);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------
// Changing things

/**
 * Sets an attribute. Unprefixed by default; with `ns`, the attribute is written with a prefix already
 * bound to that namespace at `el` (or a new declaration `xmlns:{prefixHint}` on `el`).
 */
export function setAttr(el: XmlElement, local: string, value: string, ns = '', prefixHint = 'r'): void {
  let name = local;
  if (ns !== '') {
    let prefix = lookupPrefix(el, ns);
    if (prefix === null || prefix === '') {
      prefix = freePrefix(el, prefixHint);
      el.attrs.push({ name: `xmlns:${prefix}`, value: ns });
    }
    name = `${prefix}:${local}`;
  }
  const existing = el.attrs.find((a) => {
    const s = splitName(a.name);
    if (s.local !== local || s.prefix === 'xmlns') return false;
    if (ns === '') return s.prefix === '';
    return s.prefix !== '' && canonicalNs(lookupNamespaceUri(el, s.prefix) ?? '') === ns;
  });
  if (existing) existing.value = value;
  else el.attrs.push({ name, value });
}

/** Removes an attribute (unprefixed, or in namespace `ns`). */
export function removeAttr(el: XmlElement, local: string, ns = ''): void {
  el.attrs = el.attrs.filter((a) => {
    const s = splitName(a.name);
    if (s.local !== local || s.prefix === 'xmlns') return true;
    if (ns === '') return s.prefix !== '';
    return !(s.prefix !== '' && canonicalNs(lookupNamespaceUri(el, s.prefix) ?? '') === ns);
  });
}

function freePrefix(el: XmlElement, hint: string): string {
  let p = hint;
  for (let i = 1; lookupNamespaceUri(el, p) !== null; i++) p = `${hint}${i}`;
  return p;
}

/**
 * A new element {ns}local for use under `parent`: named with the prefix `parent` already has for `ns`
 * (so a Strict or openpyxl-style document stays valid), or, when none is in scope, declaring `ns` on
 * itself: as `xmlns:{prefixHint}` (a free prefix) when a hint is given, else as its default namespace.
 * Not yet attached: use appendChild / insertChild.
 */
export function createElement(
  parent: XmlElement,
  ns: string,
  local: string,
  attrs: Record<string, string | number> = {},
  prefixHint?: string,
): XmlElement {
  const prefix = lookupPrefix(parent, ns);
  const list: XmlAttr[] = [];
  let name = local;
  if (prefix === null && prefixHint) {
    const p = freePrefix(parent, prefixHint);
    list.push({ name: `xmlns:${p}`, value: ns });
    name = `${p}:${local}`;
  } else if (prefix === null) list.push({ name: 'xmlns', value: ns });
  else if (prefix !== '') name = `${prefix}:${local}`;
  for (const [k, v] of Object.entries(attrs)) list.push({ name: k, value: String(v) });
  return { type: 'element', name, local, ns, attrs: list, children: [], parent };
}

/** Appends `child` as the last child of `parent`. */
export function appendChild(parent: XmlElement, child: XmlNode): void {
  if (child.type === 'element') child.parent = parent;
  parent.children.push(child);
}

/**
 * Inserts `child` among `parent`'s children in schema order: `order` lists the local names of the
 * parent's content model in sequence (e.g. WORKSHEET_ORDER); the child goes after every sibling that
 * the order puts before it or at its place, and before the first that comes later.
 */
export function insertChild(parent: XmlElement, child: XmlElement, order: readonly string[]): void {
  const rank = order.indexOf(child.local);
  child.parent = parent;
  if (rank < 0) {
    parent.children.push(child);
    return;
  }
  for (let i = 0; i < parent.children.length; i++) {
    const c = parent.children[i];
    if (c.type !== 'element' || c.ns !== child.ns) continue;
    const r = order.indexOf(c.local);
    if (r > rank) {
      parent.children.splice(i, 0, child);
      return;
    }
  }
  parent.children.push(child);
}

/** Removes `child` from its parent. */
export function removeChild(parent: XmlElement, child: XmlNode): void {
  const i = parent.children.indexOf(child);
  if (i >= 0) parent.children.splice(i, 1);
  if (child.type === 'element') child.parent = null;
}

/** Replaces an element's children with one text node. */
export function setText(el: XmlElement, text: string): void {
  el.children = text === '' ? [] : [{ type: 'text', text }];
}

/** CT_Worksheet's child elements in schema order (for insertChild). */
export const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

/** CT_Stylesheet's child elements in schema order. */
export const STYLESHEET_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const;

/** CT_Workbook's child elements in schema order. */
export const WORKBOOK_ORDER = [
  'fileVersion',
  'fileSharing',
  'workbookPr',
  'workbookProtection',
  'bookViews',
  'sheets',
  'functionGroups',
  'externalReferences',
  'definedNames',
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
] as const;

/** CT_Comments' child elements in schema order. */
export const COMMENTS_ORDER = ['authors', 'commentList', 'extLst'] as const;

// ---------------------------------------------------------------------------------------------------
// Writing

/**
 * Escapes text for XML element content or a double-quoted attribute (& < > "), dropping the characters
 * XML 1.0 cannot carry at all.
 */
export function xmlEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) return s;
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** Attribute values also keep tabs and line breaks (which a parser would turn into spaces). */
function attrEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"\t\n\r\u0000-\u001f\ufffe\uffff]/.test(s)) return s;
  return xmlEscape(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Text content: \r is kept as a reference (a parser would drop it). */
function textEscape(s: string): string {
  const e = xmlEscape(s);
  return e.includes('\r') ? e.replace(/\r/g, '&#13;') : e;
}

function writeNode(n: XmlNode, out: string[]): void {
  switch (n.type) {
    case 'text':
      if (n.cdata) out.push(`<![CDATA[${n.text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`);
      else out.push(textEscape(n.text));
      return;
    case 'comment':
      out.push(`<!--${n.text}-->`);
      return;
    case 'pi':
      out.push(`<?${n.target}${n.body ? ` ${n.body}` : ''}?>`);
      return;
    case 'element': {
      let open = `<${n.name}`;
      for (const a of n.attrs) open += ` ${a.name}="${attrEscape(a.value)}"`;
      if (n.children.length === 0) {
        out.push(`${open}/>`);
        return;
      }
      out.push(`${open}>`);
      for (const c of n.children) writeNode(c, out);
      out.push(`</${n.name}>`);
    }
  }
}

/** An element's start tag as XML text, e.g. `<w:document xmlns:w="…">` (for writers that stream the rest). */
export function startTag(el: XmlElement): string {
  let open = `<${el.name}`;
  for (const a of el.attrs) open += ` ${a.name}="${attrEscape(a.value)}"`;
  return `${open}>`;
}

/** An element (and its subtree) as XML text. */
export function serializeElement(el: XmlElement): string {
  const out: string[] = [];
  writeNode(el, out);
  return out.join('');
}

/** A document as XML text (UTF-8 declaration when the original had one). */
export function serializeXml(doc: XmlDocument): string {
  const out: string[] = [];
  if (doc.decl)
    out.push(
      `<?xml version="${doc.decl.version}" encoding="UTF-8"${doc.decl.standalone ? ` standalone="${doc.decl.standalone}"` : ''}?>\n`,
    );
  for (const n of doc.before) writeNode(n, out);
  writeNode(doc.root, out);
  for (const n of doc.after) writeNode(n, out);
  return out.join('');
}
