// Errors a user can fix (a missing file, bad JSON in a rule pack): the CLI prints them as one line
// naming the file (and line) with exit code 2, never with a stack.

export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    /** Extra lines shown with --verbose. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** `file:line: message` (or `file: message`). */
  override toString(): string {
    const where = this.file ? `${this.file}${this.line !== undefined ? `:${this.line}` : ''}: ` : '';
    return where + this.message;
  }
}

/** An fs error (ENOENT, EISDIR, EACCES …) as an InputError in words. */
export function fsError(err: unknown, file: string, doing = 'cannot read'): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory (expected a file)'
        : code === 'ENOTDIR'
          ? 'a part of the path is not a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EMFILE'
              ? 'too many open files'
              : (err as Error | undefined)?.message ?? String(err);
  // --verbose shows the system's own words (errno code and message), never a stack.
  return new InputError(`${doing}: ${why}`, file, undefined, (err as Error | undefined)?.message);
}
