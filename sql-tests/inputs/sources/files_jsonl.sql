-- Pins the files connector over JSONL (fixtures/files/clicks): files read in name order, one per batch with
-- max_files_per_trigger = 1; hidden (.x, _x) and temporary (x.tmp) files ignored; missing fields NULL, extra ones
-- ignored; CRLF, a blank line and a last line without newline; malformed lines dropped with on_error = 'skip'
-- (cart "four" never counts); RESTART neither repeats nor skips a file. Paths are relative to this script.
CREATE SOURCE clicks (page STRING, user_id BIGINT, ts TIMESTAMP)
  WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', on_error = 'skip',
        max_files_per_trigger = 1);
CREATE QUERY raw AS SELECT page, user_id, ts FROM clicks;
CREATE QUERY per_page AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT APPEND;
TRIGGER;
SELECT * FROM raw;
RESTART raw;
RESTART per_page;
TRIGGER;
SELECT count(*) AS n FROM raw;
SELECT * FROM per_page;
