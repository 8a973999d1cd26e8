// A query's trigger: when its micro-batches run (`CREATE QUERY q WITH (trigger = '500 ms') AS ...`), and its parsing.

import { TidemarkError } from '../common/errors.js';
import { MICROS_PER_MS, parseDuration } from '../common/time.js';

export type Trigger =
  /** Batches run only on TRIGGER or processAllAvailable() (golden files, `tidemark run` by default). */
  | { readonly kind: 'manual' }
  /** The next batch starts as soon as the previous one ended and new input is available (Spark's default trigger). */
  | { readonly kind: 'continuous' }
  /** A batch every `intervalMs`; a batch that takes longer delays the next one (no pile-up). */
  | { readonly kind: 'interval'; readonly intervalMs: number }
  /** One batch over everything available (per-batch caps ignored), its no-data batch, then the query stops. */
  | { readonly kind: 'once' }
  /** Everything available at start, in batches of at most max_rows_per_batch, then the query stops. */
  | { readonly kind: 'availableNow' };

export const MANUAL: Trigger = { kind: 'manual' };
export const CONTINUOUS: Trigger = { kind: 'continuous' };

const ACCEPTED = `a positive interval such as '500 ms' or '1 minute' (a batch every interval), 'once', 'available_now', 'continuous' or 'manual'`;

/** Reads the `trigger` option (case-insensitive); anything else is INVALID_OPTION listing the accepted forms. */
export function parseTrigger(value: string | number | boolean): Trigger {
  const text = String(value).trim().toLowerCase();
  switch (text) {
    case 'manual': return MANUAL;
    case 'continuous': return CONTINUOUS;
    case 'once': return { kind: 'once' };
    case 'available_now': return { kind: 'availableNow' };
    default: break;
  }
  let micros: number;
  try {
    micros = parseDuration(text);
  } catch {
    throw new TidemarkError('INVALID_OPTION', `trigger must be ${ACCEPTED}, not '${String(value)}'.`);
  }
  if (!(micros >= MICROS_PER_MS)) {
    throw new TidemarkError('INVALID_OPTION',
      `A trigger interval must be at least 1 ms, not '${String(value)}'. Use e.g. '500 ms', or 'continuous' to run batches back to back.`);
  }
  return { kind: 'interval', intervalMs: micros / MICROS_PER_MS };
}
