/** A subcommand: receives the arguments after its name, returns the exit status (0 / 1 / 2). */
export type Command = (argv: string[]) => Promise<number>;
