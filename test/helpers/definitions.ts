// A copy of a built-in definition file, edited by a test and parsed as a user's file would be.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDefinitionData } from '../../templates/src/standard/registry';
import type { Definition, DefinitionInput } from '../../templates/src/standard/definition';

const DIR = path.join(__dirname, '..', '..', 'templates', 'definitions');

/** The raw data of a built-in definition file (a fresh copy each call). */
export function definitionData(file = 'ideology.json'): DefinitionInput {
  return JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as DefinitionInput;
}

/** A built-in definition file, edited by `edit`, then parsed (throws DefinitionError when invalid). */
export function editedDefinition(edit: (d: DefinitionInput) => void, file = 'ideology.json'): Definition {
  const d = definitionData(file);
  edit(d);
  return parseDefinitionData(d, file);
}
