-- Pins INT/BIGINT/BOOLEAN/NULL rendering and literal typing: integer literals are INT, BIGINT when beyond INT range; NULL literal prints as STRING in the schema.
SELECT -42 AS neg, 0 AS zero, 2147483647 AS max_int, 2147483648 AS big, -9007199254740991 AS min_safe;
SELECT true AS t, false AS f, NOT true AS nt, 1 < 2 AS lt, 2 = 2.0 AS eq;
SELECT NULL AS n, CAST(NULL AS TIMESTAMP) AS nt, CAST(NULL AS BOOLEAN) AS nb;
CREATE TABLE counters (name STRING, hits BIGINT, ok BOOLEAN);
INSERT INTO counters VALUES ('a', 5000000000, true), ('b', -1, false), ('c', NULL, NULL);
SELECT name, hits, ok, hits + 1 AS next FROM counters;
