// The REPL's backslash commands: parsing them, the help text, and `\d` listings of the catalog.

import { TidemarkError } from '../../common/errors.js';
import type { CatalogEntry } from '../../planner/index.js';
import type { StreamingQuery } from '../streaming-query.js';
import { renderTable, rowCount } from './table.js';

export const META_COMMANDS: readonly string[] = ['\\?', '\\d', '\\help', '\\q', '\\status', '\\timing'];

export type MetaCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'describe'; readonly name: string | undefined }
  | { readonly kind: 'timing'; readonly on: boolean | undefined }
  | { readonly kind: 'status'; readonly on: boolean | undefined }
  | { readonly kind: 'quit' };

const onOff = (arg: string | undefined, cmd: string): boolean | undefined => {
  if (arg === undefined) return undefined;
  if (/^on$/i.test(arg)) return true;
  if (/^off$/i.test(arg)) return false;
  throw new TidemarkError('INVALID_INPUT', `${cmd} takes on or off (or nothing, to toggle), not '${arg}'.`);
};

/** Parses a line starting with `\`; throws INVALID_INPUT for an unknown command or argument. */
export function parseMeta(line: string): MetaCommand {
  const [cmd = '', ...args] = line.trim().replace(/;$/, '').split(/\s+/);
  const tooMany = (max: number): void => {
    if (args.length > max) throw new TidemarkError('INVALID_INPUT', `${cmd} takes ${max === 0 ? 'no arguments' : 'one argument'}; \\help lists the commands.`);
  };
  switch (cmd) {
    case '\\?':
    case '\\h':
    case '\\help':
      return { kind: 'help' };
    case '\\d':
      tooMany(1);
      return { kind: 'describe', name: args[0] };
    case '\\timing':
      tooMany(1);
      return { kind: 'timing', on: onOff(args[0], cmd) };
    case '\\status':
      tooMany(1);
      return { kind: 'status', on: onOff(args[0], cmd) };
    case '\\q':
    case '\\quit':
      tooMany(0);
      return { kind: 'quit' };
    default:
      throw new TidemarkError('INVALID_INPUT', `Unknown command ${cmd}. \\help lists the commands.`);
  }
}

export const HELP_TEXT: readonly string[] = [
  'Statements end with ; and may span several lines. Commands:',
  '  \\d            list sources, tables and queries',
  '  \\d NAME       describe a source, table or query: columns, options, SQL',
  '  \\timing       toggle printing how long each statement took (\\timing on|off)',
  '  \\status       toggle a live status line of the queries: rows/s, watermark, state rows (\\status on|off)',
  '  \\help, \\?     this help',
  '  \\q            quit, as Ctrl-D does: queries stop, every committed batch stays committed',
  'Keys: Tab completes keywords, functions, relations and columns; Up and Down recall earlier statements;',
  '  Ctrl-C clears the input, and twice at an empty prompt quits.',
  'SQL: CREATE SOURCE|TABLE|QUERY, INSERT INTO, SELECT, TRIGGER, STOP QUERY, RESTART, DROP,',
  '  SHOW SOURCES|TABLES|QUERIES, SHOW PROGRESS q, DESCRIBE, EXPLAIN. A query\'s batches print as they run, headed',
  '  by query, batch id and watermark. docs/reference.md lists every statement, function and option.',
];

/** RUNNING, STOPPED or FAILED: CODE, as SHOW QUERIES says it. */
export function queryState(q: StreamingQuery): string {
  return q.isActive ? 'RUNNING' : q.exception ? `FAILED: ${q.exception.code}` : 'STOPPED';
}

/** A watermark delay in the largest unit that divides it: `10 seconds`, `1 minute`. */
function delayText(micros: number): string {
  const units: [number, string][] = [[86_400_000_000, 'day'], [3_600_000_000, 'hour'], [60_000_000, 'minute'], [1_000_000, 'second'], [1000, 'millisecond']];
  const [u, unit] = units.find(([n]) => micros !== 0 && micros % n === 0) ?? [1, 'microsecond'];
  const n = micros / u;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

const optionText = (v: string | number | boolean): string => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));

function details(e: CatalogEntry, query: (name: string) => StreamingQuery | undefined): string {
  switch (e.kind) {
    case 'source':
      return `${String(e.options['connector'] ?? 'memory')} source`;
    case 'table':
      return 'table';
    case 'query': {
      if (e.lateOf) return `late rows of ${e.lateOf}`;
      const q = query(e.name);
      return `${e.mode.toUpperCase()} query, ${q ? queryState(q) : 'STOPPED'}`;
    }
  }
}

/** `\d`: every relation with what it is. */
export function listRelations(entries: readonly CatalogEntry[], query: (name: string) => StreamingQuery | undefined): string[] {
  if (entries.length === 0) return ['No sources, tables or queries yet. CREATE SOURCE makes one; \\help shows more.'];
  const rows = [...entries].sort((a, b) => (a.name < b.name ? -1 : 1)).map((e) => [e.name, details(e, query), e.schema.map((f) => f.name).join(', ')]);
  return [...renderTable([{ name: 'name', align: 'left' }, { name: 'kind', align: 'left' }, { name: 'columns', align: 'left' }], rows), rowCount(rows.length)];
}

/** `\d name`: columns, then a source's options and watermark, or a query's mode, state and SQL. */
export function describeRelation(entries: readonly CatalogEntry[], name: string, query: (name: string) => StreamingQuery | undefined): string[] {
  const key = name.startsWith('"') && name.endsWith('"') && name.length > 1 ? name.slice(1, -1) : name.toLowerCase();
  const e = entries.find((x) => x.name === key);
  if (!e) throw new TidemarkError('UNRESOLVED_RELATION', `Relation '${key}' does not exist. \\d lists the sources, tables and queries.`);
  const out = [`${e.name}: ${details(e, query)}`];
  out.push(...renderTable([{ name: 'column', align: 'left' }, { name: 'type', align: 'left' }, { name: 'nullable', align: 'left' }],
    e.schema.map((f) => [f.name, f.type === 'NULL' ? 'STRING' : f.type, String(f.nullable)])));
  if (e.kind === 'source') {
    if (e.watermark) out.push(`Watermark: ${e.schema[e.watermark.columnIndex]!.name} - ${delayText(e.watermark.delayMicros)}`);
    const opts = Object.entries(e.options);
    if (opts.length > 0) out.push(`Options: ${opts.map(([k, v]) => `${k} = ${optionText(v)}`).join(', ')}`);
  } else if (e.kind === 'query' && e.sql !== '') {
    out.push('SQL:', ...e.sql.split(/\r\n|\r|\n/).map((l) => `  ${l}`));
  }
  return out;
}
