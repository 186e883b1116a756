/** What a command needs of the outside world: where to write. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (colours in reports). */
  color?: boolean;
}

export class UsageError extends Error {}
