// The one error type of Tidemark: a stable code, an actionable message and, for SQL, a source position.

export type ErrorCode =
  | 'PARSE_ERROR'
  | 'UNRESOLVED_COLUMN'
  | 'UNRESOLVED_RELATION'
  | 'AMBIGUOUS_COLUMN'
  | 'UNRESOLVED_FUNCTION'
  | 'MISSING_AGGREGATION'
  | 'TYPE_MISMATCH'
  | 'INVALID_WINDOW'
  | 'INVALID_INTERVAL'
  | 'UNSUPPORTED_STREAMING_OPERATION'
  | 'UNSUPPORTED_FEATURE'
  | 'ALREADY_EXISTS'
  | 'INVALID_INPUT'
  | 'INVALID_OPTION'
  | 'CHECKPOINT_ERROR'
  | 'IO_ERROR'
  | 'NO_RESULT_TABLE'
  | 'IN_USE'
  | 'INTERNAL_ERROR'
  | 'QUERY_NOT_RUNNING'
  | 'RECEIVER_ERROR';

/** One line per error code, for the generated reference (docs/reference.md); the type makes it list every code. */
export const ERROR_CODE_DOCS: Readonly<Record<ErrorCode, string>> = {
  PARSE_ERROR: 'The SQL text is not valid syntax (or names an unknown type); the message says what could come next.',
  UNRESOLVED_COLUMN: 'A column name matches no column of the relations in scope.',
  UNRESOLVED_RELATION: 'A source, table or query name is not in the catalog.',
  AMBIGUOUS_COLUMN: 'A column name matches columns of several relations: qualify it (t.col).',
  UNRESOLVED_FUNCTION: 'A function name is not a known scalar, aggregate or window function.',
  MISSING_AGGREGATION: 'A grouped query selects a column that is neither grouped nor aggregated, or an aggregate appears where none is allowed.',
  TYPE_MISMATCH: 'An operator or function got arguments of types it does not accept, or values of a type a column cannot hold.',
  INVALID_WINDOW: 'A window(), cumulate() or session_window() call has a bad size, slide, start, step or gap, or appears outside GROUP BY.',
  INVALID_INTERVAL: 'A duration or interval cannot be read (unknown unit, missing number).',
  UNSUPPORTED_STREAMING_OPERATION: 'The query cannot run as a stream in its output mode (e.g. APPEND aggregation without a watermark, ORDER BY outside COMPLETE).',
  UNSUPPORTED_FEATURE: 'Valid SQL that Tidemark does not support (yet), or an API call given the wrong kind of statement.',
  ALREADY_EXISTS: 'CREATE of a name the catalog already holds (use IF NOT EXISTS, or DROP it first).',
  INVALID_INPUT: 'Bad data: an inserted value, a malformed record in a source file, or a sink directory with mixed columns.',
  INVALID_OPTION: 'An unknown WITH option, connector or option value.',
  CHECKPOINT_ERROR: 'A checkpoint cannot be written or used: unreadable or missing files, a plan that changed since it was written, or a source file a logged batch reads that changed.',
  IO_ERROR: 'A file or directory cannot be read or written (a sink path, a committed output file).',
  NO_RESULT_TABLE: 'SELECT from a query that keeps no result table (its output goes to the console or an API receiver).',
  IN_USE: 'The object is in use: a source or table a query reads (drop the query first), a late-row or dead-letter table that goes with its owner, a files sink directory another query writes.',
  INTERNAL_ERROR: 'A bug in Tidemark; the message asks you to report it with the statement that caused it.',
  QUERY_NOT_RUNNING: 'The query is stopped or failed (or has nothing loaded): RESTART it.',
  RECEIVER_ERROR: 'An API receiver (a sink function or rxjs Subject) threw on a batch: the batch is not committed and comes again, with the same id, after RESTART.',
};

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export class TidemarkError extends Error {
  readonly code: ErrorCode;
  readonly position: SourcePosition | undefined;
  /** The message without the " (line L, column C)" suffix, for displays that show the position themselves. */
  readonly detail: string;

  constructor(code: ErrorCode, message: string, position?: SourcePosition) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message);
    this.name = 'TidemarkError';
    this.code = code;
    this.position = position;
    this.detail = message;
  }
}

export function isTidemarkError(e: unknown): e is TidemarkError {
  return e instanceof TidemarkError;
}

/** Exhaustiveness guard for discriminated unions. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}

/** Wraps anything thrown into a TidemarkError, so callers never see a raw exception. */
export function toTidemarkError(e: unknown): TidemarkError {
  if (e instanceof TidemarkError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const err = new TidemarkError('INTERNAL_ERROR', `Internal error: ${msg}. This is a bug in Tidemark; please report it with the statement that caused it.`);
  (err as { cause?: unknown }).cause = e;
  return err;
}
