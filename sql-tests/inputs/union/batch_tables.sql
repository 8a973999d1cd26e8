-- Pins UNION ALL and UNION (distinct) in plain batch SELECTs over tables: duplicates kept or removed (NULLs compare equal for UNION), widening to a common type, names from the first SELECT, ORDER BY and LIMIT after the last SELECT applying to the whole union, left-to-right evaluation of mixed UNION ALL / UNION, and a union as a FROM subquery.
CREATE TABLE t1 (id INT, name STRING);
CREATE TABLE t2 (id BIGINT, label STRING);
CREATE TABLE t3 (code DOUBLE, name STRING);
INSERT INTO t1 VALUES (1, 'a'), (2, 'b'), (2, 'b'), (NULL, 'n');
INSERT INTO t2 VALUES (2, 'b'), (3, 'c'), (NULL, 'n');
INSERT INTO t3 VALUES (1.5, 'z');
SELECT id, name FROM t1 UNION ALL SELECT id, label FROM t2;
SELECT id, name FROM t1 UNION SELECT id, label FROM t2 ORDER BY id;
SELECT id, name FROM t1 UNION DISTINCT SELECT id, label FROM t2 ORDER BY id DESC LIMIT 2;
-- INT, BIGINT and DOUBLE give DOUBLE; DESC puts NULLs last
SELECT id FROM t1 UNION ALL SELECT id FROM t2 UNION ALL SELECT code FROM t3 ORDER BY id DESC LIMIT 3;
SELECT name FROM t1 UNION SELECT label FROM t2 UNION SELECT name FROM t3 ORDER BY name;
-- (t1 UNION ALL t2) UNION t3: the final UNION removes the duplicates of the whole
SELECT id FROM t1 UNION ALL SELECT id FROM t2 UNION SELECT code FROM t3;
SELECT count(*) AS n FROM (SELECT id, name FROM t1 UNION ALL SELECT id, label FROM t2);
SELECT count(*) AS n FROM (SELECT id, name FROM t1 UNION SELECT id, label FROM t2);
SELECT name, count(*) AS n FROM (SELECT name FROM t1 UNION ALL SELECT label FROM t2) GROUP BY name;
