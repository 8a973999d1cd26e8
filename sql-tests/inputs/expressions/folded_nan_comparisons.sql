-- Comparisons of constants are folded at plan time with the kernels' rules: NaN equals NaN and is above every other
-- value (expressions/nan.sql), in a SELECT list and in a streaming WHERE alike.
SELECT 0.0/0 = 0.0/0 AS a, 0.0/0 > 1.0 AS b, 1.0/0 < 0.0/0 AS c, 0.0/0 <> 0.0/0 AS d, 0.0/0 <= 1.0/0 AS e, -0.0 = 0.0 AS f;
CREATE TABLE t (x DOUBLE);
INSERT INTO t VALUES (1.0);
SELECT x FROM t WHERE 0.0/0 = 0.0/0 AND 0.0/0 >= 1.0/0;
CREATE SOURCE s (id INT);
CREATE QUERY q AS SELECT id FROM s WHERE 0.0/0 = 0.0/0;
INSERT INTO s VALUES (1);
TRIGGER;
