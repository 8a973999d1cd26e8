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
  | 'QUERY_NOT_RUNNING';

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
