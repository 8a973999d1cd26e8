-- Pins NaN and infinities in JSONL: JSON has no such numbers, so the files sink writes a DOUBLE holding one as the
-- string "NaN", "Infinity" or "-Infinity", and a JSONL files source reads those strings back into a DOUBLE column, as
-- well as Spark's "+Infinity", "INF", "+INF" and "-INF". fixtures/files/jsonl_nonfinite/part-00000000.jsonl holds exactly
-- what query w writes; any other string in a DOUBLE column, or these strings in a column of another type, stay what
-- they are (a malformed record, a STRING). Source paths are relative to this script.
CREATE SOURCE ev (id BIGINT, score DOUBLE);
CREATE QUERY w WITH (sink = 'files', path = 'out/w', format = 'jsonl') AS SELECT id, score FROM ev;
INSERT INTO ev VALUES (1, 0.0/0.0), (2, 1.0/0.0), (3, -1.0/0.0), (4, 1.5);
TRIGGER;
SELECT * FROM w;
CREATE SOURCE back (id BIGINT, score DOUBLE, note STRING)
  WITH (connector = 'files', path = '../../fixtures/files/jsonl_nonfinite', format = 'jsonl', on_error = 'dead_letter');
CREATE QUERY r AS SELECT id, score, note FROM back;
TRIGGER;
SELECT * FROM back_dead_letters;
