-- Pins arithmetic typing and results: INT op INT is INT, integer literals are INT, / is always DOUBLE, % keeps the sign of the dividend and is NULL for a zero divisor, BIGINT for count/sum, NULL propagates.
SELECT 1 + 2 AS a, 7 - 10 AS b, 6 * 7 AS c;
SELECT 7 / 2 AS half, 6 / 3 AS exact, 1 / 4 AS quarter;
SELECT 7 % 3 AS m1, -7 % 3 AS m2, 7 % -3 AS m3, 7 % 0 AS m4;
SELECT 2 + 3 * 4 AS prec, (2 + 3) * 4 AS paren, -(5 - 8) AS neg, 10 - 4 - 3 AS left_assoc;
SELECT 1.5 + 1 AS d1, 2 * 0.25 AS d2, 10 - 0.5 AS d3;
CREATE TABLE nums (i INT, b BIGINT, d DOUBLE);
INSERT INTO nums VALUES (3, 10000000000, 1.5), (NULL, 5, NULL);
SELECT i + 1 AS i1, b + i AS bi, i * d AS id, b / 4 AS bq, b % 3 AS bm FROM nums;
SELECT count(*) + 1 AS c1, sum(i) + 1 AS s1, sum(d) * 2 AS s2 FROM nums;
