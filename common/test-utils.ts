// Helpers shared by unit tests of every layer: error capture.

import { TidemarkError } from './errors.js';

/** The TidemarkError thrown by `f`; fails when `f` returns or throws anything else. */
export function errorOf(f: () => unknown): TidemarkError {
  try {
    f();
  } catch (e) {
    if (e instanceof TidemarkError) return e;
    throw new Error(`expected a TidemarkError, got ${String(e)}`);
  }
  throw new Error('expected an error, but none was thrown');
}

/** `CODE: message` of the TidemarkError `f` throws. */
export const errorText = (f: () => unknown): string => {
  const e = errorOf(f);
  return `${e.code}: ${e.message}`;
};
