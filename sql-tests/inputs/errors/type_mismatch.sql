-- Pins TYPE_MISMATCH: a non-boolean WHERE condition, sum over a STRING column, window() over a non-timestamp column.
CREATE TABLE payments (account STRING, amount INT);
INSERT INTO payments VALUES ('acme', 10);
SELECT account FROM payments WHERE 1;
SELECT sum(account) AS s FROM payments;
SELECT account FROM payments WHERE amount;
CREATE SOURCE events (name STRING, amount INT, ts TIMESTAMP);
CREATE QUERY bad_sum AS SELECT name, sum(name) AS s FROM events GROUP BY name;
CREATE QUERY bad_window AS
  SELECT window.start AS ws, count(*) AS n
  FROM events
  GROUP BY window(name, '1 minute');
SELECT sum(amount) AS s FROM payments;
