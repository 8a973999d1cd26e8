-- ORDER BY may use a SELECT alias inside an expression (ORDER BY -w), not only bare (ORDER BY w). As in Spark, whose
-- ORDER BY reads the projection's output, an alias wins over an input column of the same name, in an expression as
-- bare; an alias two different items share is ambiguous; a qualified name is the input's.
CREATE TABLE t (k STRING, v INT);
INSERT INTO t VALUES ('a', 1), ('b', 3), ('c', 2);
SELECT k, v AS w FROM t ORDER BY -w;
SELECT k, sum(v) AS s FROM t GROUP BY k ORDER BY -s, k;
SELECT k, -v AS v FROM t ORDER BY v + 0;
SELECT k, -v AS v FROM t ORDER BY t.v + 0;
SELECT k, v AS w, -v AS w FROM t ORDER BY w + 1;
