-- GROUP BY ordinals (Spark's default): GROUP BY 2 groups by the second SELECT item, expression included; a position
-- outside the select list, one naming an aggregate, or a * is an error at that position.
-- emp: x has a (10) and b (20), y has c (5), NULL has d (7). upper(dept) keeps NULL; sal > 8 is true for a and b only.
CREATE TABLE emp (name STRING, dept STRING, sal BIGINT);
INSERT INTO emp VALUES ('a', 'x', 10), ('b', 'x', 20), ('c', 'y', 5), ('d', NULL, 7);
SELECT dept, count(*) AS n, sum(sal) AS s FROM emp GROUP BY 1 ORDER BY 1;
SELECT upper(dept) AS d, sal > 8 AS big, count(*) AS n FROM emp GROUP BY 1, 2 ORDER BY 1, 2;
SELECT dept, count(*) AS n FROM emp GROUP BY 3;
SELECT dept, count(*) AS n FROM emp GROUP BY 2;
SELECT * FROM emp GROUP BY 1;
