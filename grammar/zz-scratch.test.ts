import { it } from 'vitest';
import { sqlLexer } from './tokens.js';
import { sqlParser } from './parser.js';
import { astBuilder } from './cst-to-ast.js';
it('x', () => {
  const sql = "SELECT window.start, auction, count(*) AS bids, max(price) AS top FROM bids WHERE price > 10 AND name LIKE 'a%' GROUP BY window(ts, '10 min', '5 min'), auction WATERMARK ts 10 min EMIT APPEND";
  const rows = Array.from({length: 2000}, (_, i) => `(${i}, 'x${i}', TIMESTAMP '2024-01-01 00:00:00', ${i}.5)`).join(', ');
  for (const s of [sql, `INSERT INTO t VALUES ${rows}`]) {
    const N = s === sql ? 2000 : 5;
    let tl = 0, tp = 0, ta = 0;
    for (let i = 0; i < N; i++) {
      const a = performance.now();
      const toks = sqlLexer.tokenize(s).tokens;
      const b = performance.now();
      sqlParser.input = toks;
      const cst = sqlParser.statementEof();
      const c = performance.now();
      astBuilder.buildStatement(cst, { line: 1, column: 1 });
      const d = performance.now();
      tl += b - a; tp += c - b; ta += d - c;
    }
    console.log(`lex ${(tl / N).toFixed(3)} parse ${(tp / N).toFixed(3)} ast ${(ta / N).toFixed(3)} ms`);
  }
});
