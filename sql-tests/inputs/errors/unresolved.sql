-- Pins UNRESOLVED_COLUMN and UNRESOLVED_RELATION in batch SELECTs, CREATE QUERY and INSERT; a query that failed to create does not exist.
CREATE TABLE accounts (id INT, name STRING);
SELECT nme FROM accounts;
SELECT id FROM acounts;
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY per_window AS
  SELECT window.start AS ws, count(*) AS n
  FROM clicks
  GROUP BY window(event_time, '1 minute');
CREATE QUERY pages AS SELECT page FROM clickz;
INSERT INTO nowhere VALUES (1);
SELECT * FROM per_window;
SELECT id FROM accounts WHERE name = 'x';
