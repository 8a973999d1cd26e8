-- Pins PARSE_ERROR for malformed statements; the script continues after each error.
SELEC 1;
SELECT 1 + AS x;
CREATE SOURCE s (id INT, name);
CREATE QUERY q AS SELECT count(*) AS n FROM s GROUP BY EMIT UPDATE;
SELECT 1 + 1 AS ok;
