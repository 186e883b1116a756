import { UsageError, type CliIo } from './io.js';
import { version } from '../version.js';

export const help = `tei-edition ${version}: scholarly editions in TEI-XML

Usage: tei-edition <command> [options]

Commands:
  import <files or folders…>     import transcripts (text, Markdown, HTML, Word) into TEI
  validate <files or folders…>   validate TEI files (project schema, Schematron, or any RELAX NG)
  build [--html] [--pdf] [--jobs N]   build the edition in this folder (tei-edition.config.json):
                                 import new or changed transcripts, validate, web and print
                                 editions; only what changed (build --html: web edition only)
  serve [--port N]               build, serve the web edition on localhost, rebuild on change
  merge <shard folders…>         join shares built with build --shard K/N into the web edition

Run "tei-edition <command> --help" for a command's options.
Exit status: 0 success, 1 a document failed, 2 usage error or the tool failed.`;



/** Run the CLI: arguments and output channels in, exit status out. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(help + '\n');
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        io.stdout(version + '\n');
        return 0;
      case 'import':
        return await (await import('./commands/import.js')).runImport(rest, io);
      case 'validate':
        return await (await import('../validate/command.js')).runValidate(rest, io);
      case 'build':
        return await (await import('../build/command.js')).runBuild(rest, io);
      case 'serve':
        return await (await import('../build/command.js')).runServe(rest, io);
      case 'merge':
        return await (await import('../build/command.js')).runMerge(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`tei-edition: ${(error as Error).message}\n${command === 'import' ? (await import('./commands/import.js')).importHelp : help}\n`);
      return 2;
    }
    io.stderr(`tei-edition: internal error: ${(error as Error).message}\n`);
    return 2;
  }
}
