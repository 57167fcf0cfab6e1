// The definitions the pane knows: the core's built-in ones (DefinitionRegistry) and, in the standalone
// page, definition files the user loads (JSON or YAML, validated by the core's schema). A workbook is
// checked with the definition its template id names; the blank template is the chosen definition's.
// Host-free: no Office, no DOM.
import {
  DefinitionError,
  DefinitionRegistry,
  parseDefinitionText,
  type Definition,
} from '../../../templates/src/index';
import type { LocalDefinition } from '../../../importer/src/import/check-task';

/** File name of a definition's blank template, as `yanpan template` names it: 意识形态工作填报表.xlsx. */
export function templateFileName(def: Definition): string {
  return `${def.subject}工作填报表.xlsx`;
}

/** How a definition is named to the user: 意识形态工作分析研判填报表（版本 1.1）. */
export function definitionLabel(def: Definition): string {
  return `${def.title}（版本 ${def.version}）`;
}

/** File names a definition file may have. */
export function isDefinitionFileName(name: string): boolean {
  return /\.(json|ya?ml)$/i.test(name);
}

/** File names the pane checks as a workbook. */
export function isWorkbookFileName(name: string): boolean {
  return /\.xlsx$/i.test(name);
}

/**
 * A local definition file's text → the definition, or the Chinese error naming the file and each bad
 * entry's path (and line), as the core's parser words it.
 */
export function readDefinitionFile(
  fileName: string,
  text: string,
): { def: Definition } | { error: string; problems: string[] } {
  try {
    return { def: parseDefinitionText(text, fileName) };
  } catch (e) {
    if (e instanceof DefinitionError) return { error: e.message, problems: e.problems };
    return {
      error: `标准定义文件“${fileName}”无法读取：${e instanceof Error ? e.message : String(e)}`,
      problems: [],
    };
  }
}

/** The pane's definitions: the user's own (loaded in this page) first, then the built-in ones. */
export class PaneDefinitions {
  private extra: Definition[] = [];
  /** The loaded files as given (the batch's workers parse them again). */
  private files = new Map<Definition, LocalDefinition>();
  /** The definition the user has chosen (or the last workbook was checked with). */
  current: Definition;

  constructor() {
    this.current = this.registry().all[0];
  }

  registry(): DefinitionRegistry {
    return new DefinitionRegistry(this.extra);
  }

  /** Adds (or replaces, by id) a loaded definition and makes it the current one. */
  add(def: Definition, file?: LocalDefinition): void {
    this.extra = [def, ...this.extra.filter((d) => d.id !== def.id)];
    if (file) this.files.set(def, file);
    this.current = def;
  }

  /** The loaded definition files, for the batch's workers. */
  localFiles(): LocalDefinition[] {
    return this.extra.flatMap((d) => (this.files.has(d) ? [this.files.get(d)!] : []));
  }

  /** Whether the definition was loaded from a file in this page. */
  isLocal(def: Definition): boolean {
    return this.extra.includes(def);
  }

  byId(id: string | null | undefined): Definition | null {
    return this.registry().byId(id);
  }

  /** Makes the definition with this id the current one; false when there is none. */
  choose(id: string | null | undefined): boolean {
    const def = this.byId(id);
    if (def) this.current = def;
    return def !== null;
  }
}
