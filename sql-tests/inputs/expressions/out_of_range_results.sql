-- floor and ceil give BIGINT, and timestamp_seconds / timestamp_millis / CAST(... AS TIMESTAMP) 64-bit microseconds:
-- a result beyond a 64-bit integer, or of NaN or an infinity, is NULL (as CAST to BIGINT treats it), never a
-- wrapped-around value.
SELECT floor(1e19) AS f, ceil(-1e19) AS c, ceil(CAST('Infinity' AS DOUBLE)) AS ci, floor(CAST('NaN' AS DOUBLE)) AS fn, floor(-2.5) AS ok;
SELECT timestamp_seconds(1e300) AS a, timestamp_seconds(1e20) AS b, CAST(1e300 AS TIMESTAMP) AS c, timestamp_seconds(1.5) AS ok;
CREATE TABLE d (x DOUBLE, m BIGINT);
INSERT INTO d VALUES (1e19, 1000), (-1e19, -1000), (2.5, 9007199254740), (1e300, 1000000), (NULL, NULL);
SELECT x, floor(x) AS f, ceil(x) AS c, timestamp_seconds(x) AS ts, CAST(x AS TIMESTAMP) AS ct, timestamp_millis(m) AS tm FROM d ORDER BY x;
SELECT count(floor(x)) AS fits FROM d;
