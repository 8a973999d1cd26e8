// Scalar function binding: result types and coercions that the runtime kernels rely on.

import { describe, expect, it } from 'vitest';
import { compileExpr, evalInput } from '../runtime/kernels/compile-expr.js';
import { valuesFromVec, vecFromValues } from '../runtime/values.js';
import type { BoundExpr } from './bound-expr.js';
import { bindScalar } from './functions.js';

const at = { line: 1, column: 1 };
const s: BoundExpr = { kind: 'column', index: 0, type: 'STRING', name: 's' };
const t: BoundExpr = { kind: 'column', index: 1, type: 'TIMESTAMP', name: 't' };
const run = (e: BoundExpr): unknown[] =>
  valuesFromVec(compileExpr(e)(evalInput(1, (i) => (i === 0 ? vecFromValues(['2024-01-01'], 'STRING') : vecFromValues([0], 'TIMESTAMP')))));

describe('nullif binding', () => {
  it('nullif(TIMESTAMP, STRING) coerces the string and compares as timestamps', () => {
    const e = bindScalar('nullif', [t, s], at);
    expect(e.type).toBe('TIMESTAMP');
    expect(run(e)).toEqual([0]);
  });

  // Known bug in planner/functions.ts (not fixed here): only the second argument is coerced to the common type, so
  // the kernel compares a STRING vector with a TIMESTAMP vector and throws "expected a string vector, got f64".
  it('nullif(STRING, TIMESTAMP) evaluates instead of crashing the kernel', () => {
    const e = bindScalar('nullif', [s, t], at);
    expect(run(e)).toEqual(['2024-01-01']);
  });
});
