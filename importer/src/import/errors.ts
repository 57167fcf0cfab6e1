// The one error an import raises on purpose, host-free (the CLI prints it, the page shows it), and the
// refusal of an input with nothing to import.
import { formatTemplate } from '../../../templates/src/index';
import { RUN_MESSAGES } from './labels';
import type { Source } from './sources';

/**
 * The command could not do what was asked; the message is Chinese and shown as is. Exit status 2 (the
 * command could not run), or 1 for an input folder with nothing to import.
 */
export class ImportUsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

/** True when the sources hold something to report on: a workbook or a document a unit sent. */
export function hasSubmissions(sources: readonly Source[]): boolean {
  return sources.some((s) => (s.kind === 'workbook' && !s.problem) || s.kind === 'document');
}

/** "Nothing to import here": exit status 1, no outputs. Lists what was found instead, if anything. */
export function nothingToImport(inputDir: string, sources: readonly Source[]): ImportUsageError {
  let msg = formatTemplate(RUN_MESSAGES.empty, { value: inputDir });
  if (sources.length) {
    const names = sources.slice(0, 5).map((s) => `“${s.rel}”`);
    msg += formatTemplate(RUN_MESSAGES.emptySeen, {
      n: sources.length,
      other: names.join('、') + (sources.length > 5 ? '等' : ''),
    });
  }
  return new ImportUsageError(msg, 1);
}
