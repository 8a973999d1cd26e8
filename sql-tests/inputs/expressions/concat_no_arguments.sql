-- concat() with no arguments is the empty string, as in Spark; with arguments it joins them, NULL when any is NULL.
SELECT concat() AS empty, length(concat()) AS len, concat() = '' AS is_empty, concat('a', concat(), 'b') AS ab;
CREATE TABLE t (s STRING, k INT);
INSERT INTO t VALUES ('x', 1), (NULL, 2);
SELECT k, concat() AS e, concat(s, concat()) AS s2 FROM t ORDER BY k;
CREATE SOURCE src (s STRING);
CREATE QUERY q AS SELECT s, concat() AS e, concat(concat(), s) AS s2 FROM src;
INSERT INTO src VALUES ('y'), (NULL);
TRIGGER;
