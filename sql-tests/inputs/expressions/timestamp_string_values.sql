-- A TIMESTAMP and a STRING that become one value (CASE branches, coalesce, UNION) make a STRING, as Spark's string
-- promotion does, so a text that is no timestamp stays what it is; compared, the string still reads as a TIMESTAMP.
CREATE TABLE t (ts TIMESTAMP, s STRING);
INSERT INTO t VALUES (NULL, 'not a time'), ('2024-01-01 00:00:05', '2024-01-01 00:00:05');
SELECT coalesce(ts, s) AS c, coalesce(ts, 'n/a') AS d FROM t ORDER BY c;
SELECT CASE WHEN ts IS NULL THEN 'none' ELSE ts END AS c FROM t ORDER BY c;
SELECT ts FROM t UNION ALL SELECT s FROM t;
SELECT ts = s AS same, ts < '2024-01-02' AS earlier, greatest(ts, '2023-12-31') AS g FROM t ORDER BY same;
