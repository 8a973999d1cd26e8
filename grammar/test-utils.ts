// Helpers shared by the grammar unit tests: span-free AST views and error capture.

/** A deep copy without `span` fields, so tests can compare tree shapes. */
export function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => strip(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k !== 'span') out[k] = strip(v);
    }
    return out as T;
  }
  return value;
}

export { errorOf } from '../common/test-utils.js';
