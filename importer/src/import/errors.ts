// The one error an import raises on purpose, host-free (the CLI prints it, the page shows it).

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
