import { it } from 'vitest';
import fc from 'fast-check';
import { parseStatement } from './index.js';
it('x', () => {
  let ok = 0, errs = new Map<string, number>();
  const words = ['SELECT', 'FROM', 'WHERE', 'a', 'b', '(', ')', ',', '1', "'x'", 'GROUP', 'BY', 'WATERMARK', 'ts', '10', 'min', 'EMIT', 'APPEND', 'JOIN', 'ON', '=', 'AS', '*'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...words), {maxLength: 12}), (parts) => {
    const s = 'SELECT ' + parts.join(' ');
    try { parseStatement(s); ok++; } catch (e) { const m = (e as Error).message.replace(/\(line.*$/, '').replace(/at '[^']*'/, "at X"); errs.set(m, (errs.get(m) ?? 0) + 1); }
  }), { numRuns: 3000 });
  console.log(ok, [...errs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([m, n]) => `${n} ${m}`).join('\n'));
});
