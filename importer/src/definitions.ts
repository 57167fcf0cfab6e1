// Definition files on the command line (`--definition FILE`, repeatable): read from disk, parsed with the
// one schema (Chinese errors naming the file, the entry's path and line), and put in a registry beside the
// built-in definitions. Also how a definition is exported for a local variant.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import {
  builtinDefinitionData,
  DefinitionError,
  DefinitionRegistry,
  definitionJsonSchema,
  parseDefinitionText,
  type Definition,
} from '../../templates/src/index';
import type { OptionSpec } from './commands/types';
import type { LocalDefinition } from './import/check-task';
import { fsReason, UserError } from './errors';
import { writeFileAtomic } from './fsutil';

/** `--definition 文件` for any command that reads or writes workbooks. */
export function definitionOption(
  description = '本地的标准定义文件（.json 或 .yaml，由 yanpan definition export 导出后修改），可多次指定',
): OptionSpec {
  return { flags: '--definition <文件>', description, repeatable: true, example: '本地标准.yaml' };
}

/** Reads one definition file as name and text; a Chinese UserError (exit 2) when it cannot be read. */
async function readDefinitionText(file: string): Promise<LocalDefinition> {
  try {
    return { name: path.basename(file), text: await fsp.readFile(file, 'utf8') };
  } catch (e) {
    throw new UserError(`无法读取标准定义文件“${file}”（${fsReason(e)}）。`);
  }
}

/** Parses a definition file's text; a Chinese UserError naming the file, the entry and its line. */
function parseLocal(d: LocalDefinition): Definition {
  try {
    return parseDefinitionText(d.text, d.name);
  } catch (e) {
    if (e instanceof DefinitionError) throw new UserError(e.message);
    throw e;
  }
}

/** Reads and parses one definition file; a Chinese UserError (exit 2) when it cannot be used. */
export async function loadDefinitionFile(file: string): Promise<Definition> {
  return parseLocal(await readDefinitionText(file));
}

/** The files given, as name and text (the import's workers parse them again, each once). */
export async function loadDefinitionTexts(files: readonly string[] | undefined): Promise<LocalDefinition[]> {
  const out: LocalDefinition[] = [];
  for (const f of files ?? []) out.push(await readDefinitionText(f));
  return out;
}

/** The built-in definitions plus the files read (a file's id replaces a built-in of the same id). */
export function registryOfTexts(texts: readonly LocalDefinition[]): DefinitionRegistry {
  return new DefinitionRegistry(texts.map(parseLocal));
}

/** The built-in definitions plus the files given (a file's id replaces a built-in of the same id). */
export async function registryOf(files: readonly string[] | undefined): Promise<DefinitionRegistry> {
  return registryOfTexts(await loadDefinitionTexts(files));
}

/**
 * The definition a command works with: the one named by --kind (an id), else the first file given with
 * --definition, else the default built-in one.
 */
export function pickDefinition(
  registry: DefinitionRegistry,
  kind?: string,
  files?: readonly string[],
): Definition {
  if (kind) {
    const def = registry.byId(kind);
    if (!def)
      throw new UserError(
        `没有标识为“${kind}”的标准。已知的标准：${registry.all.map((d) => `${d.id}（${d.title}）`).join('、')}。`,
      );
    return def;
  }
  return files?.length ? registry.all[0] : registry.byId(builtinDefinitionData[0].id as string)!;
}

/** `--kind 标识`: which standard (by its id) a command uses. */
export function kindOption(): OptionSpec {
  return {
    flags: '--kind <标识>',
    description: '使用哪一个标准（标识见 yanpan definition list），默认意识形态工作',
    example: 'yanpan.party-conduct',
  };
}

/**
 * Writes a definition's data file (JSON, or YAML for .yaml/.yml) for a local variant, with the JSON Schema
 * beside it so that editors complete and check the fields.
 */
export async function exportDefinition(data: unknown, file: string): Promise<string[]> {
  const yaml = /\.ya?ml$/i.test(file);
  const schemaFile = path.join(path.dirname(file), 'definition.schema.json');
  const body = { $schema: './definition.schema.json', ...(data as Record<string, unknown>) };
  const text = yaml
    ? `# yaml-language-server: $schema=./definition.schema.json\n${toYaml({ ...body, $schema: undefined })}`
    : `${JSON.stringify(body, null, 2)}\n`;
  await writeFileAtomic(file, text);
  await writeFileAtomic(schemaFile, `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`);
  return [file, schemaFile];
}
