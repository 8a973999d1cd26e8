-- A NULL argument gives NULL from every numeric and time function, whether the NULL is a literal or a column's.
SELECT round(NULL) AS r, round(NULL, 2) AS r2, power(2, NULL) AS p, pow(NULL, NULL) AS q, power(NULL, 2) AS p2;
SELECT timestamp_seconds(NULL) AS s, timestamp_millis(NULL) AS ms, timestamp_micros(NULL) AS us;
SELECT abs(NULL) AS a, floor(NULL) AS f, ceil(NULL) AS c, sqrt(NULL) AS sq, ln(NULL) AS l, exp(NULL) AS e, sign(NULL) AS sg;
CREATE TABLE t (d DOUBLE, i BIGINT);
INSERT INTO t VALUES (NULL, NULL), (2.5, 3);
SELECT d, round(d) AS r, power(d, 2) AS p, timestamp_seconds(i) AS s FROM t ORDER BY d;
INSERT INTO t VALUES (round(NULL), 4);
SELECT count(*) AS n, count(d) AS nd FROM t;
