-- A streaming aggregate without GROUP BY has its one row from its first batch on, as in Spark, even when no row
-- has passed its WHERE yet (count 0, sum NULL), as the same query over a table does. UPDATE emits that row in
-- every batch (Spark's global aggregate yields it each batch); COMPLETE holds it in the result table.
CREATE SOURCE e (v INT);
CREATE QUERY qc AS SELECT count(*) AS n, sum(v) AS t FROM e WHERE v > 100 EMIT COMPLETE;
CREATE QUERY qu AS SELECT count(*) AS n, sum(v) AS t FROM e WHERE v > 100 EMIT UPDATE;
INSERT INTO e VALUES (1), (2);
TRIGGER;
SELECT * FROM qc;
SELECT * FROM qu;
INSERT INTO e VALUES (150), (200), (3);
TRIGGER;
RESTART qc;
RESTART qu;
INSERT INTO e VALUES (5);
TRIGGER;
SELECT * FROM qc;
SELECT * FROM qu;
