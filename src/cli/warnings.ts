/**
 * Warnings on stderr ("neardup: docs.jsonl line 7: not valid JSON; skipped"): the first 50 are
 * printed, then only counted, so a broken 20 000-line file does not flood the terminal.
 */
export const MAX_WARNINGS = 50;

export class Warnings {
  private count = 0;

  constructor(
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
    private readonly before: () => void = () => {},
  ) {}

  /** Reports one problem. */
  readonly warn = (message: string): void => {
    this.count++;
    if (this.count > MAX_WARNINGS) return;
    this.before();
    this.write(`neardup: ${message}\n`);
  };

  /** Prints how many were not shown, if any. */
  finish(): void {
    if (this.count > MAX_WARNINGS) this.write(`neardup: ${this.count - MAX_WARNINGS} more problems not shown (${this.count} in all)\n`);
  }
}
