-- NaN as Spark orders doubles: NaN equals NaN and is greater than every other value, Infinity included, so
-- comparisons, IN, NULLIF, greatest/least, ORDER BY, min/max and GROUP BY agree (GROUP BY and joins always did).
CREATE TABLE t (k STRING, d DOUBLE);
INSERT INTO t VALUES ('a', CAST('NaN' AS DOUBLE)), ('b', 1.5), ('c', CAST('Infinity' AS DOUBLE)), ('d', -2.0), ('e', NULL);
-- true, false, true, true, false, true.
SELECT CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE) AS eq, CAST('NaN' AS DOUBLE) <> CAST('NaN' AS DOUBLE) AS ne,
  CAST('NaN' AS DOUBLE) > CAST('Infinity' AS DOUBLE) AS gt_inf, 1.0 < CAST('NaN' AS DOUBLE) AS lt,
  CAST('NaN' AS DOUBLE) <= 1.0 AS le, CAST('NaN' AS DOUBLE) >= CAST('NaN' AS DOUBLE) AS ge;
-- Ascending, NULL first (Spark's default for ASC): e NULL, d -2.0, b 1.5, c Infinity, a NaN.
SELECT k, d FROM t ORDER BY d;
-- Descending, NULL last: a NaN, c Infinity, b 1.5, d -2.0, e NULL.
SELECT k, d FROM t ORDER BY d DESC;
-- Above 100: c and a. Equal to NaN: a. In (NaN, 1.5): a and b.
SELECT k FROM t WHERE d > 100 ORDER BY k;
SELECT k FROM t WHERE d = CAST('NaN' AS DOUBLE);
SELECT k FROM t WHERE d IN (CAST('NaN' AS DOUBLE), 1.5) ORDER BY k;
-- min skips NaN (-2.0); max is NaN.
SELECT min(d) AS mn, max(d) AS mx FROM t;
-- NaN, 1.0, NULL.
SELECT greatest(1.0, CAST('NaN' AS DOUBLE)) AS g, least(1.0, CAST('NaN' AS DOUBLE)) AS l,
  nullif(CAST('NaN' AS DOUBLE), CAST('NaN' AS DOUBLE)) AS n;
