// The known definitions: the built-in ones (data files under templates/definitions/) plus any the user
// gives (`--definition FILE`, or a file chosen in the standalone page). A definition is parsed here, at
// the boundary, from JSON or YAML text; errors name the file, the place in it (path and line) and say
// what is wrong in Chinese. A workbook is matched to its definition by the template id it records.
import { isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import ideologyData from '../../definitions/ideology.json';
import partyConductData from '../../definitions/party-conduct.json';
import { definitionSchema, type Definition } from './definition';
import { sha256Hex } from './hash';

/** A definition file that cannot be used; `message` is Chinese and names the file and each bad entry. */
export class DefinitionError extends Error {
  constructor(
    message: string,
    /** One line per problem: "位置 metrics[3].unit（第12行）：…". */
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'DefinitionError';
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表',
  object: '对象',
  record: '对象',
  null: '空值',
  undefined: '（缺少）',
};

function typeOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** zod's issues in plain Chinese (zod's own zh-CN locale leaves type names in English). */
function chineseIssue(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined
        ? `缺少此项（应为${TYPE_NAMES[iss.expected] ?? iss.expected}）`
        : `应为${TYPE_NAMES[iss.expected] ?? iss.expected}，现为${TYPE_NAMES[typeOfValue(iss.input)] ?? typeOfValue(iss.input)}`;
    case 'too_small':
      if (iss.origin === 'string') return '不能为空';
      if (iss.origin === 'array') return `至少应有${String(iss.minimum)}项`;
      return `不能小于${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'array') return `最多${String(iss.maximum)}项`;
      return `不能大于${String(iss.maximum)}`;
    case 'invalid_value':
      return `只能是：${iss.values.map(String).join('、')}`;
    case 'invalid_format':
      return '格式不正确';
    case 'unrecognized_keys':
      return `无法识别的项：${iss.keys.join('、')}`;
    case 'invalid_union':
      return '内容不符合要求';
    case 'custom':
      return iss.message ?? '内容不符合要求';
    default:
      return '内容不符合要求';
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '（整个文件）';
}

/** The 1-based line of the node at `path` in a YAML/JSON document (the nearest existing parent). */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: readonly PropertyKey[],
  text: string,
): number | null {
  let node: unknown = doc.contents;
  let best: YamlNode | null = (doc.contents as YamlNode) ?? null;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(key as number, true);
    else break;
    if (!node) break;
    best = node as YamlNode;
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return null;
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses a definition file's text (JSON or YAML). Throws DefinitionError naming `fileName` and every bad
 * entry with its path and line.
 */
export function parseDefinitionText(text: string, fileName: string): Definition {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new DefinitionError(
      `标准定义文件“${fileName}”格式有误${line ? `（第${line}行）` : ''}，无法读取。请检查括号、引号和逗号是否成对、完整。`,
    );
  }
  return parseDefinitionData(doc.toJS(), fileName, (path) => lineOf(doc, path, text));
}

/** Parses already-decoded definition data; `lineOf` (optional) locates a path in the source text. */
export function parseDefinitionData(
  data: unknown,
  fileName: string,
  lineOfPath: (path: readonly PropertyKey[]) => number | null = () => null,
): Definition {
  const r = definitionSchema.safeParse(data, { error: (iss) => chineseIssue(iss) });
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 20).map((iss) => {
    const line = lineOfPath(iss.path);
    return `位置 ${pathText(iss.path)}${line ? `（第${line}行）` : ''}：${iss.message}`;
  });
  const more =
    r.error.issues.length > problems.length ? `\n……另有${r.error.issues.length - problems.length}处` : '';
  throw new DefinitionError(
    `标准定义文件“${fileName}”有${r.error.issues.length}处不符合要求：\n${problems.join('\n')}${more}`,
    problems,
  );
}

/**
 * A short content hash of a definition (what the template records beside the id and version, so a
 * workbook can tell that the definition it was made from has changed).
 */
export function definitionHash(def: Definition): string {
  const { $schema: _editorHint, ...content } = def;
  return sha256Hex(JSON.stringify(content)).slice(0, 16);
}

function builtin(data: unknown, name: string): Definition {
  return parseDefinitionData(data, name);
}

/** 意识形态工作分析研判 (the default standard). */
export const ideologyDefinition: Definition = builtin(ideologyData, 'ideology.json');
/** The built-in definitions' data as their files hold it (what `yanpan definition export` writes). */
export const builtinDefinitionData: readonly Record<string, unknown>[] = [
  ideologyData as Record<string, unknown>,
  partyConductData as Record<string, unknown>,
];

/** The built-in definitions, the default first. */
export const builtinDefinitions: readonly Definition[] = [
  ideologyDefinition,
  builtin(partyConductData, 'party-conduct.json'),
];

/** The default standard. */
export const definition: Definition = ideologyDefinition;

/** The definitions a run knows: the built-in ones, and the user's own given first (they win on an id). */
export class DefinitionRegistry {
  readonly all: readonly Definition[];
  constructor(extra: readonly Definition[] = []) {
    const ids = new Set(extra.map((d) => d.id));
    this.all = [...extra, ...builtinDefinitions.filter((d) => !ids.has(d.id))];
  }
  byId(id: string | null | undefined): Definition | null {
    return (id && this.all.find((d) => d.id === id)) || null;
  }
  /**
   * The same definitions with the one of this id first (the registry itself when it has none): the one a
   * workbook that names no template id is read with, and whose words its file-level issues use.
   */
  preferring(id: string): DefinitionRegistry {
    const first = this.byId(id);
    return first && first !== this.all[0]
      ? new DefinitionRegistry([first, ...this.all.filter((d) => d !== first)])
      : this;
  }
}
