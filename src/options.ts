// The option registry: every WITH (...) option of each connector and of CREATE QUERY, with its type, default and doc.

import { TidemarkError } from '../common/errors.js';

/** What an option's value must be; enumerations list their accepted values. */
export type OptionType =
  | { readonly kind: 'number' }
  | { readonly kind: 'string' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

export interface OptionSpec {
  readonly name: string;
  readonly type: OptionType;
  /** The value used when the option is omitted, as the user would write it; undefined when there is none. */
  readonly default: string | undefined;
  /** One line for reference docs. */
  readonly doc: string;
}

/** Options of one kind of object (a connector, or CREATE QUERY). */
export interface OptionSet {
  /** How messages name the object: 'a memory source', 'a query'. */
  readonly what: string;
  readonly options: readonly OptionSpec[];
  /** Per-column options, written `fields.<column>.<name>` (datagen). */
  readonly fieldOptions?: readonly OptionSpec[];
}

const num = { kind: 'number' } as const;
const str = { kind: 'string' } as const;
const duration = { kind: 'duration' } as const;
const enumOf = (...values: string[]): OptionType => ({ kind: 'enum', values });
const opt = (name: string, type: OptionType, dflt: string | undefined, doc: string): OptionSpec => ({ name, type, default: dflt, doc });

const CONNECTOR = (name: string): OptionSpec => opt('connector', enumOf(name), 'memory', `Selects the ${name} connector.`);

/** Connectors in the order error messages list them; the first is the default. */
export const CONNECTORS: ReadonlyMap<string, OptionSet> = new Map<string, OptionSet>([
  ['memory', {
    what: 'a memory source',
    options: [
      CONNECTOR('memory'),
      opt('starting_offsets', enumOf('earliest', 'latest'), 'earliest', 'Where a new query starts reading: every row inserted so far, or only rows inserted after it starts.'),
      opt('max_rows_per_batch', num, undefined, 'Cap on the rows one micro-batch reads from this source (unlimited when omitted).'),
    ],
  }],
  ['datagen', {
    what: 'a datagen source',
    options: [
      CONNECTOR('datagen'),
      opt('rows', num, '1000', 'Number of rows the generator holds (when omitted: as many as its shortest sequence column, or unbounded with rows_per_second, else 1000).'),
      opt('seed', num, '1', 'Seed of every generated value: the same seed gives the same rows.'),
      opt('rows_per_batch', num, '10000', 'Cap on the rows one micro-batch reads.'),
      opt('start', { kind: 'timestamp' }, '2024-01-01 00:00:00', 'Event time of row 0 (TIMESTAMP columns).'),
      opt('step', duration, '1 second', 'Event time added per row.'),
      opt('max_out_of_order', duration, '0 seconds', 'Event times are moved back by up to this much (whole milliseconds), per row and seed.'),
      opt('rows_per_second', num, undefined, 'Paces the source: rows become available at this rate from its creation, or from where a restored query stands (wall clock; never use it in golden files).'),
      opt('events_per_second', num, 'rows_per_second if set', 'Event time advances one second every this many rows (instead of step).'),
    ],
    fieldOptions: [
      opt('min', num, '0', 'Smallest value of a random numeric column (or of the number in a generated string).'),
      opt('max', num, '1000 (100 for DOUBLE)', 'Largest value of a random numeric column.'),
      opt('values', str, undefined, 'Comma-separated list of values a random STRING column picks from.'),
      opt('null_rate', num, '0', 'Fraction of rows whose value is NULL.'),
      opt('kind', enumOf('random', 'sequence'), 'random', 'Random values per (seed, row), or the sequence start, start + 1, ..., end.'),
      opt('start', num, '0', 'First value of a sequence column.'),
      opt('end', num, undefined, 'Last value of a sequence column (required); the source ends with its shortest sequence.'),
    ],
  }],
  ['nexmark', {
    what: 'a nexmark source',
    options: [
      CONNECTOR('nexmark'),
      opt('table', enumOf('bid', 'auction', 'person'), undefined, 'Which Nexmark stream this source holds.'),
      opt('events', num, '1000000', 'Number of Nexmark events generated (all three streams share the event sequence).'),
      opt('seed', num, '1', 'Seed of the generator.'),
      opt('base_time', { kind: 'timestamp' }, '2015-07-15 00:00:00', 'Event time of the first event.'),
      opt('rows_per_batch', num, '65536', 'Cap on the rows one micro-batch reads.'),
    ],
  }],
  ['files', {
    what: 'a files source',
    options: [
      CONNECTOR('files'),
      opt('path', str, undefined, 'Directory whose files the source reads (required; relative to the script, or to the working directory).'),
      opt('format', enumOf('jsonl', 'csv', 'arrow'), undefined, 'How the files are encoded (required).'),
      opt('on_error', enumOf('fail', 'skip', 'dead_letter'), 'fail', 'What a malformed record does: fail the query, be dropped, or go to the dead-letter table.'),
      opt('dead_letter_table', str, '<source>_dead_letters', "Name of the read-only table of malformed records (on_error = 'dead_letter')."),
      opt('max_files_per_trigger', num, undefined, 'Cap on the new files one micro-batch reads (unlimited when omitted).'),
      opt('max_rows_per_batch', num, undefined, 'Cap on the records one micro-batch reads (unlimited when omitted).'),
    ],
  }],
]);

/** Options of CREATE QUERY q WITH (...). */
export const QUERY_OPTIONS: OptionSet = {
  what: 'a query',
  options: [
    opt('checkpoint', str, '<checkpoint root>/<query>', "Checkpoint directory (relative to the working directory), or 'memory' to keep the checkpoint in memory."),
    opt('watermark_policy', enumOf('min', 'max'), 'min', 'How the watermarks of several inputs combine: follow the slowest input or the fastest.'),
    opt('late_rows', str, undefined, 'Name of a read-only table that keeps every row the watermark drops.'),
    opt('sink', enumOf('table', 'console', 'files'), 'table', "Where the output goes: the query's result table, standard output (standard error under `tidemark run` and `tidemark test`), or files (exactly once)."),
    opt('path', str, undefined, "Directory of sink = 'files' (relative to the working directory)."),
    opt('format', enumOf('jsonl', 'csv', 'arrow'), 'jsonl', "Encoding of sink = 'files'."),
    opt('trigger', str, "'continuous' (API, REPL), 'manual' (golden files, tidemark run)", "When batches run: '<interval>' (e.g. '500 ms'), 'once', 'available_now', 'continuous' or 'manual'."),
    opt('max_rows_per_batch', num, undefined, "Cap on the rows one batch reads from each source, in place of the sources' own caps (every trigger but once)."),
  ],
};

/** The connector name a source's options select (memory when omitted). */
export function connectorOf(opts: Readonly<Record<string, string | number | boolean>>): string {
  return String(opts['connector'] ?? 'memory').toLowerCase();
}

/** The registered options of a connector; an unknown connector is refused with the list of available ones. */
export function connectorOptions(connector: string): OptionSet {
  const set = CONNECTORS.get(connector);
  if (set) return set;
  const names = [...CONNECTORS.keys()].map((n, i) => (i === 0 ? `${n} (the default)` : n));
  throw new TidemarkError('INVALID_OPTION', `Unknown connector '${connector}'. Available connectors: ${names.join(', ')}.`);
}

const fieldPattern = (set: OptionSet): RegExp | undefined =>
  set.fieldOptions?.length ? new RegExp(`^fields\\.[^.]+\\.(${set.fieldOptions.map((o) => o.name).join('|')})$`) : undefined;

/** Rejects option keys the object does not know, so a typo never passes silently. */
export function checkOptions(opts: Readonly<Record<string, unknown>>, set: OptionSet): void {
  const names = set.options.map((o) => o.name);
  const fields = fieldPattern(set);
  for (const k of Object.keys(opts)) {
    if (names.includes(k) || fields?.test(k)) continue;
    const perField = set.fieldOptions?.length ? `, fields.<column>.${set.fieldOptions.map((o) => o.name).join('|')}` : '';
    throw new TidemarkError('INVALID_OPTION', `Unknown option '${k}' for ${set.what}. Accepted options: ${names.join(', ')}${perField}.`);
  }
}
