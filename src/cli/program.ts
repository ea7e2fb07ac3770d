/**
 * The `neardup` command line: commander wiring only; each command lives in its own file and
 * uses the public API. Exit status: 0 success, 1 unexpected failure, 2 bad usage (one line on
 * stderr: "neardup: <what>; <what to do>"). The commands (and with them the library, the HTML
 * renderer, the progress bar) are imported only when one runs, so `neardup --help` loads
 * commander and this file alone.
 */
import { Command, CommanderError, InvalidArgumentError as BadOptionValue, Option } from 'commander';
import { NeardupError } from '../errors.js';
import pkg from '../../package.json';
import { EXIT, OutputError, UsageError, writeFailure } from './errors.js';
import { chooseFormat, type Format } from './formats.js';

type Commands = typeof import('./commands.js');
let loaded: Commands | undefined;

/** The commands module, imported on first use. */
async function commands(): Promise<Commands> {
  loaded ??= await import('./commands.js');
  return loaded;
}

/** True when `err` is an instance of `local` or of the commands module's copy of the class. */
function isA(err: unknown, local: abstract new (...args: never[]) => Error, name: 'UsageError' | 'OutputError' | 'NeardupError'): boolean {
  return err instanceof local || (loaded !== undefined && err instanceof loaded[name]);
}

const COMMANDS = ['scan', 'compare', 'repeats', 'watch'] as const;

function unitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n < 1)) throw new BadOptionValue('it must be a number between 0 and 1, e.g. 0.5');
  return n;
}

function similarity(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n <= 1)) throw new BadOptionValue('it must be a number above 0 and at most 1, e.g. 0.9');
  return n;
}

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) throw new BadOptionValue(`it must be a whole number from ${min} to ${max}`);
    return n;
  };
}

const RELATIONS = ['duplicate', 'near-duplicate', 'derived', 'related'] as const;

function relationList(value: string): (typeof RELATIONS)[number][] {
  const list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = list.filter((s) => !(RELATIONS as readonly string[]).includes(s));
  if (list.length === 0 || bad.length > 0) throw new BadOptionValue(`give relations separated by commas, from ${RELATIONS.join(', ')}`);
  return list as (typeof RELATIONS)[number][];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function date(value: string): string {
  if (!Number.isFinite(Date.parse(value))) throw new BadOptionValue('it must be a date, e.g. 2024-06-23 or 2024-06-23T08:00:00Z');
  return value;
}

const formatOption = (allowed: readonly Format[], note: string): Option =>
  new Option('-f, --format <format>', `output format: ${note}`).choices(allowed);

const outputOption = (exts = '.html, .json, .jsonl, .txt'): Option => new Option('-o, --output <file>', `write to this file instead of stdout (without --format, the format follows its extension: ${exts}; another extension is refused)`);

const EXIT_HELP = `
Exit status: 0 done; 1 unexpected failure, or output that cannot be written (disk full); 2 bad usage (unknown flag, missing or unreadable file, nothing to scan).`;

/** Builds the program; `run` parses and runs it. */
export function buildProgram(): Command {
  const program = new Command('neardup')
    .description('Find near-duplicate, repeated and syndicated news articles: copies, rewrites of wire stories, and paragraphs printed twice.')
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: () => {}, // run() prints one line of its own
    })
    .addHelpText('after', `
Examples:
  neardup scan fixtures/articles                      clusters, related pairs and repeats of a folder
  neardup scan docs.jsonl --format jsonl > found.jsonl  stream findings as they are found
  neardup compare a.txt b.txt -o report.html          side-by-side report of two articles
  neardup repeats article.txt                         paragraphs an article prints twice
  tail -f wire.jsonl | neardup watch -                one verdict per arriving article
${EXIT_HELP}`);

  program
    .command('scan')
    .description('Find copies, rewrites and related articles in a collection, and paragraphs repeated inside each article.')
    .argument(
      '<input>',
      'a directory of .txt/.md files (id = file name without extension), a JSONL file with one {"id", "text", "publishedAt"?, "source"?, "url"?} per line, or - to read JSONL from stdin',
    )
    .addOption(formatOption(['table', 'json', 'jsonl', 'html'], 'table (default on a terminal), json (default otherwise), jsonl (one finding per line as found), html (use with -o)'))
    .addOption(outputOption())
    .addOption(new Option('-t, --threshold <number>', 'whole-text similarity (Jaccard of word shingles) at which two articles are candidates; rewrites are also found paragraph by paragraph (default: 0.5)').argParser(unitInterval))
    .addOption(new Option('-k, --shingle-size <words>', 'words per shingle (default: 3)').argParser(integer(1, 32)))
    .addOption(new Option('-m, --meta <file>', 'JSON with publication dates, titles, sources or URLs for articles without them: {"articles": [{"file" or "id", "publishedAt", "title", "source", "url"}]} (the shape of fixtures/expected.json) or {"<id>": {"publishedAt": ...}}'))
    .addOption(new Option('--field <field=key>', 'read an article field from another JSONL key, e.g. --field title=headline --field publishedAt=date (repeatable; fields: id, text, title, source, url, publishedAt)').argParser(collect))
    .addOption(new Option('--top <n>', 'report only the N largest clusters, the N strongest pairs (and N groups of exact copies); the summary still counts everything').argParser(integer(1, 1_000_000_000)))
    .addOption(new Option('--relation <list>', 'report only pairs of these relations, comma-separated: duplicate, near-duplicate, derived, related').argParser(relationList))
    .addOption(new Option('--min-words <n>', 'leave articles of fewer words out of the report (clusters, pairs, repeats); they are still scanned').argParser(integer(1, 1_000_000)))
    .option('--hide-duplicates', 'fold exact copies: one line per text with the count of its copies, instead of one pair each')
    .option('--no-repeats', 'do not look for paragraphs repeated inside each article')
    .option('--no-progress', 'never show the progress bar (it shows only on a terminal, for more than 200 articles)')
    .addOption(new Option('-j, --jobs <n>', 'threads: 1 scans in this thread; N ≥ 2 starts N worker threads that prepare and verify articles while this one looks up candidates and keeps the index; the output is the same (default: cores − 1 workers on 4 or more cores, else 1)').argParser(integer(1, 1024)))
    .addHelpText('after', `
Dates tell the original from the copy: give them as "publishedAt" in JSONL, or with --meta.
Malformed JSONL lines and unreadable files are reported on stderr with their line number or path, and skipped.

Examples:
  neardup scan fixtures/articles --meta fixtures/expected.json
  neardup scan feed.jsonl --field title=headline --field publishedAt=date -o scan.html
  neardup scan archive.jsonl --top 50 --relation derived,near-duplicate --min-words 40 --hide-duplicates
  neardup scan docs.jsonl --format jsonl | jq 'select(.type == "match")'
  cat docs.jsonl | neardup scan - --format html -o scan.html
${EXIT_HELP}`)
    .action(
      async (
        input: string,
        opts: { format?: Format; output?: string; threshold?: number; shingleSize?: number; meta?: string; field?: string[]; top?: number; relation?: (typeof RELATIONS)[number][]; minWords?: number; hideDuplicates?: boolean; repeats: boolean; progress: boolean; jobs?: number },
      ) => {
        const format = chooseFormat(opts.format, opts.output, ['table', 'json', 'jsonl', 'html'], 'scan');
        const { scan, parseFieldMap } = await commands();
        const { field, relation, ...rest } = opts;
        await scan(input, { ...rest, fields: parseFieldMap(field), relations: relation, format });
      },
    );

  program
    .command('compare')
    .description('Align two articles paragraph by paragraph: is one a copy or rewrite of the other, and which passages match.')
    .argument('<a>', 'the first article: a UTF-8 text file (or - for stdin)')
    .argument('<b>', 'the second article')
    .addOption(formatOption(['table', 'json', 'jsonl', 'html'], 'table (default on a terminal), json (default otherwise), jsonl (the json on one line), html (a side-by-side report; use with -o)'))
    .addOption(outputOption())
    .addOption(new Option('-k, --shingle-size <words>', 'words per shingle (default: 3)').argParser(integer(1, 32)))
    .addOption(new Option('--date-a <date>', 'when A was published (tells the original from the copy)').argParser(date))
    .addOption(new Option('--date-b <date>', 'when B was published').argParser(date))
    .addHelpText('after', `
Without dates, the copy is the one that credits a wire service ("Source: Reuters"), else the one mostly made of the other.

Examples:
  neardup compare fixtures/articles/000_a73051b759e3cab2.txt fixtures/articles/001_28d2f76ec5bfe934.txt
  neardup compare a.txt b.txt -o report.html
${EXIT_HELP}`)
    .action(async (a: string, b: string, opts: { format?: Format; output?: string; shingleSize?: number; dateA?: string; dateB?: string }) => {
      const { compareCommand } = await commands();
      await compareCommand(a, b, { ...opts, format: chooseFormat(opts.format, opts.output, ['table', 'json', 'jsonl', 'html'], 'compare') });
    });

  program
    .command('repeats')
    .description('List blocks of paragraphs that one article prints twice (a pasted block, a doubled headline), with their text.')
    .argument('<file>', 'a UTF-8 text file (or - for stdin)')
    .addOption(formatOption(['table', 'json', 'jsonl', 'html'], 'table (default on a terminal), json (default otherwise), jsonl (the json on one line), html (each block side by side)'))
    .addOption(outputOption())
    .addOption(new Option('-s, --similarity <number>', 'edit similarity at which two paragraphs count as the same (default: 0.9)').argParser(similarity))
    .addOption(new Option('-w, --min-words <n>', 'ignore paragraphs shorter than this many words (default: 3)').argParser(integer(1, 1000)))
    .addHelpText('after', `
Paragraphs are counted from 1 in the table and from 0 in JSON (as the library counts them).
${EXIT_HELP}`)
    .action(async (file: string, opts: { format?: Format; output?: string; similarity?: number; minWords?: number }) => {
      const { repeatsCommand } = await commands();
      await repeatsCommand(file, { ...opts, format: chooseFormat(opts.format, opts.output, ['table', 'json', 'jsonl', 'html'], 'repeats') });
    });

  program
    .command('watch')
    .description('Follow a feed: for each JSONL article as it arrives, print one JSON verdict line (new, duplicate, near-duplicate, derived or related, and of what).')
    .argument('<input>', 'a JSONL file with one {"id", "text", "publishedAt"?, "source"?, "url"?} per line, or - to read from stdin')
    .addOption(new Option('-w, --window-hours <hours>', 'keep only articles published within this many hours of the newest (default: keep all)').argParser(integer(1, 1_000_000)))
    .option('--keep-duplicates', 'also index articles judged exact duplicates')
    .option('--follow', 'keep reading the file as it grows, like tail -f (stop with Ctrl-C)')
    .addOption(new Option('-t, --threshold <number>', 'whole-text similarity at which two articles are candidates (default: 0.5)').argParser(unitInterval))
    .addOption(new Option('-k, --shingle-size <words>', 'words per shingle (default: 3)').argParser(integer(1, 32)))
    .addHelpText('after', `
Each verdict line: {"id", "verdict", "of", "direction", "copy", "original", "matches", "credits", "boilerplate", "added", "replaced", "evicted"}; "of" is null for a new article.
Malformed lines are reported on stderr with their line number and skipped.

Examples:
  tail -f wire.jsonl | neardup watch - --window-hours 72
  neardup watch feed.jsonl --follow | jq 'select(.verdict != "new")'
${EXIT_HELP}`)
    .action(async (input: string, opts: { windowHours?: number; keepDuplicates?: boolean; follow?: boolean; threshold?: number; shingleSize?: number }) => {
      const { watch } = await commands();
      await watch(input, opts);
    });

  return program;
}

/** The command named in argv (for help hints), if any. */
function commandOf(args: readonly string[]): string | undefined {
  return args.find((a): a is (typeof COMMANDS)[number] => (COMMANDS as readonly string[]).includes(a));
}

/** One line from a commander error message: "error: unknown option '--x'\n(Did you mean --y?)". */
function commanderMessage(err: CommanderError): string {
  const text = err.message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
  const invalid = /^option '([^']+)' argument '([^']*)' is invalid\.\s*(.*)$/s.exec(text);
  if (invalid) {
    const flag = invalid[1]!.split(/[ ,]+/).find((f) => f.startsWith('--')) ?? invalid[1]!;
    const reason = invalid[3]!.replace(/\.$/, '').replace(/^Allowed choices are /, 'choose one of ');
    return `${flag} ${JSON.stringify(invalid[2])} is not valid: ${reason}`;
  }
  return text.replace(/\.$/, '');
}

/**
 * `neardup ... | head` closes stdout early: end quietly (status 0) instead of crashing with
 * EPIPE. A stdout that cannot take the output (a full disk: ENOSPC; EIO) ends the command with
 * one clear line and status 1. Errors on stderr itself (closed, or a reader gone) are ignored:
 * messages are lost, the exit status is not changed.
 */
function handleBrokenStreams(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    process.stderr.write(`neardup: ${writeFailure('the output', err)}\n`);
    process.exit(EXIT.failure);
  });
  process.stderr.on('error', () => undefined);
}

/** Parses argv and runs the command; resolves to the exit status. */
export async function run(argv: readonly string[]): Promise<number> {
  handleBrokenStreams();
  const args = argv.slice(2);
  const command = commandOf(args);
  const hint = `see neardup ${command ? `${command} ` : ''}--help`;
  const fail = (message: string, status: number): number => {
    process.stderr.write(`neardup: ${message}\n`);
    return status;
  };
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      if (err.code === 'commander.help' || err.code === 'commander.executeSubCommandAsync') return EXIT.usage;
      return fail(`${commanderMessage(err)}; ${hint}`, EXIT.usage);
    }
    if (isA(err, UsageError, 'UsageError')) return fail((err as Error).message, EXIT.usage);
    if (isA(err, OutputError, 'OutputError')) return fail((err as Error).message, EXIT.failure);
    if (isA(err, NeardupError, 'NeardupError')) return fail(`${(err as Error).message}; ${hint}`, EXIT.usage);
    const message = err instanceof Error ? err.message : String(err);
    if (process.env.NEARDUP_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return fail(`unexpected error: ${message}; rerun with NEARDUP_DEBUG=1 for details and please report it`, EXIT.failure);
  }
}
