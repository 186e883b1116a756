/**
 * An output folder replaced as a whole: the new build is made in a sibling folder
 * (`.<name>.next-<pid>`), unchanged files hard-linked from the current one, and only when it is
 * complete does it take the current one's place (two renames; the old folder is then removed).
 * A build that is interrupted leaves the current folder as it was; the next build removes
 * what the interrupted one left, and puts back a folder caught between the two renames.
 *
 * An output folder that is a symbolic link (editions/html → /srv/www/edition) is followed: the
 * folder it points to is the one replaced, beside it, and the link stays as it is.
 */
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Staged folders of this process not yet committed (removed if the build is interrupted). */
const active = new Set<StagedDir>();

/** Remove the staged folders of this process (on Ctrl-C or SIGTERM; kill -9 leaves them to the next build). */
export function abortActiveStages(): void {
  for (const stage of [...active]) stage.abort();
}

/**
 * The folder an output path stands for: itself, or, when it is a symbolic link, the folder
 * the link leads to (a link to nothing is an error that says so; nothing is made in its place).
 */
export function outputFolder(target: string): string {
  const resolved = path.resolve(target);
  let isLink: boolean;
  try {
    isLink = lstatSync(resolved).isSymbolicLink();
  } catch {
    return resolved;
  }
  if (!isLink) return resolved;
  try {
    return realpathSync(resolved);
  } catch {
    throw new Error(`${resolved} is a symbolic link to ${readlinkSync(resolved)}, which does not exist: create that folder, or remove the link`);
  }
}

export class StagedDir {
  readonly target: string;
  readonly stage: string;
  private readonly old: string;
  private begun = false;
  /** Folders of the staged folder made so far. */
  private readonly made = new Set<string>();

  constructor(target: string) {
    this.target = outputFolder(target);
    const parent = path.dirname(this.target);
    const name = path.basename(this.target);
    this.stage = path.join(parent, `.${name}.next-${process.pid}`);
    this.old = path.join(parent, `.${name}.old-${process.pid}`);
    StagedDir.recover(this.target);
  }

  /** Undo what interrupted builds of `target` left behind. */
  static recover(output: string): void {
    const target = outputFolder(output);
    const parent = path.dirname(target);
    const name = path.basename(target);
    let entries: string[];
    try {
      entries = readdirSync(parent);
    } catch {
      return;
    }
    const mine = (kind: string) =>
      entries
        .map((e) => ({ e, m: new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.${kind}-(\\d+)$`).exec(e) }))
        .filter((x): x is { e: string; m: RegExpExecArray } => x.m !== null)
        .map(({ e, m }) => ({ dir: path.join(parent, e), pid: Number(m[1]) }))
        .filter(({ pid }) => !alive(pid));
    const olds = mine('old');
    if (!existsSync(target) && olds.length) renameSync(olds[0]!.dir, target);
    for (const { dir } of [...mine('next'), ...olds]) if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }

  begin(): void {
    rmSync(this.stage, { recursive: true, force: true });
    mkdirSync(this.stage, { recursive: true });
    this.made.clear();
    this.begun = true;
    active.add(this);
  }

  private place(rel: string): string {
    const to = path.join(this.stage, rel);
    const dir = path.dirname(to);
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    return to;
  }

  /** Keep the current build's file (a hard link: same inode, same times). */
  keep(rel: string): void {
    const from = path.join(this.target, rel);
    const to = this.place(rel);
    // The staged folder starts empty: only a file written there before is in the way.
    const link = () => {
      try {
        linkSync(from, to);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EEXIST' ? false : (copyFileSync(from, to), true);
      }
    };
    if (!link()) {
      rmSync(to, { force: true });
      link();
    }
  }

  /** Keep every file of the current build. */
  keepAll(): void {
    if (!existsSync(this.target)) return;
    for (const rel of readdirSync(this.target, { recursive: true, withFileTypes: true }))
      if (rel.isFile()) this.keep(path.relative(this.target, path.join(rel.parentPath, rel.name)));
  }

  /** Write a new file (never into a kept one: that is the current build's file too). */
  write(rel: string, content: string | Buffer): string {
    const to = this.place(rel);
    rmSync(to, { force: true });
    writeFileSync(to, content);
    return to;
  }

  /** The new build takes the current one's place. */
  commit(): void {
    if (!this.begun) return;
    if (existsSync(this.target)) {
      renameSync(this.target, this.old);
      renameSync(this.stage, this.target);
      rmSync(this.old, { recursive: true, force: true });
    } else {
      mkdirSync(path.dirname(this.target), { recursive: true });
      renameSync(this.stage, this.target);
    }
    this.begun = false;
    active.delete(this);
  }

  abort(): void {
    rmSync(this.stage, { recursive: true, force: true });
    this.begun = false;
    active.delete(this);
  }
}
