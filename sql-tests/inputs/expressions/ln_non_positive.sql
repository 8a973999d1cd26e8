-- ln is NULL at or below 0, as in Spark: never -Infinity, never NaN from a negative argument. NaN stays NaN.
SELECT ln(0) AS zero, ln(-1) AS negative, ln(1) AS one, ln(CAST('NaN' AS DOUBLE)) AS nan, ln(CAST('-Infinity' AS DOUBLE)) AS neg_inf;
CREATE TABLE t (x DOUBLE, k INT);
INSERT INTO t VALUES (0, 1), (-2.5, 2), (1, 3), (NULL, 4), (-0.0, 5);
-- One column alone, inside arithmetic (a fused loop), under an aggregate, and in a filter.
SELECT k, ln(x) AS l, ln(x) + 1 AS l1, ln(x * x) > -1 AS pos FROM t ORDER BY k;
SELECT count(ln(x)) AS defined, count(*) AS rows FROM t;
SELECT k FROM t WHERE ln(x) IS NULL ORDER BY k;
