-- BIGINT values run in float64 lanes, exact within ±(2^53 - 1) (runtime/README.md). Integers beyond that range are
-- refused, as literals and in INSERT, with UNSUPPORTED_FEATURE and their position, rather than silently rounded or
-- wrapped (2^63 - 1 would have come back as -2^63). The range's ends themselves are stored and printed exactly.
CREATE TABLE t (a BIGINT, b BIGINT);
INSERT INTO t VALUES (9007199254740991, 1), (-9007199254740991, 2);
INSERT INTO t VALUES (9007199254740993, 1);
SELECT a FROM t;
SELECT 9223372036854775807 AS lit;
SELECT -9007199254740991 AS lo, 9007199254740991 AS hi;
SELECT a + 1 AS x FROM t WHERE b = 1;
