-- Pins TIMESTAMP text in the files formats beyond years 0000-9999: the files sinks write ISO 8601 expanded years
-- (more than 4 digits, a '-' before year 0000) and SELECT over their committed files reads them back, in JSONL and
-- CSV; a files source reads them too (fixtures/files/timestamp_text/a.csv). A UTC offset is at most ±18:00 with minutes up to
-- 59, as Spark's (Java's ZoneOffset): beyond, like a 2- or 3-digit year, the text is no timestamp and its record is
-- malformed. Source paths are relative to this script.
CREATE SOURCE ev (id BIGINT, sec DOUBLE);
CREATE QUERY wj WITH (sink = 'files', path = 'out/j', format = 'jsonl') AS SELECT id, timestamp_seconds(sec) AS ts FROM ev;
CREATE QUERY wc WITH (sink = 'files', path = 'out/c', format = 'csv') AS SELECT id, timestamp_seconds(sec) AS ts FROM ev;
INSERT INTO ev VALUES (1, 253402300800.0), (2, 3093527894400.0), (3, -62198755200.0), (4, -62167219200.0),
  (5, 1714521600.25), (6, 253402300799.0);
TRIGGER;
SELECT * FROM wj;
SELECT * FROM wc;
CREATE SOURCE texts (id BIGINT, ts TIMESTAMP)
  WITH (connector = 'files', path = '../../fixtures/files/timestamp_text', format = 'csv', on_error = 'dead_letter');
CREATE QUERY r AS SELECT id, ts FROM texts;
TRIGGER;
SELECT * FROM texts_dead_letters;
