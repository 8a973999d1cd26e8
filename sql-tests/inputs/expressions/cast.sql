-- Pins CAST: string to INT/DOUBLE/TIMESTAMP/BOOLEAN, INT to STRING/BIGINT/DOUBLE/BOOLEAN, DOUBLE to INT truncating toward zero, TIMESTAMP to STRING, NULL keeps the target type.
SELECT CAST('42' AS INT) AS a, CAST(42 AS STRING) AS b, CAST(3.9 AS INT) AS c, CAST(-3.9 AS INT) AS d, CAST('2.5' AS DOUBLE) AS e;
SELECT CAST('2024-04-29 12:30:00' AS TIMESTAMP) AS ts, CAST('2024-04-29' AS TIMESTAMP) AS day, CAST(TIMESTAMP '2024-04-29 12:30:00.25' AS STRING) AS s;
SELECT CAST('true' AS BOOLEAN) AS t, CAST('false' AS BOOLEAN) AS f, CAST(0 AS BOOLEAN) AS z, CAST(5 AS BOOLEAN) AS nz, CAST(true AS INT) AS one;
SELECT CAST(7 AS BIGINT) AS big, CAST(7 AS DOUBLE) AS dbl, CAST(NULL AS INT) AS n, CAST(2.5 AS STRING) AS ds, CAST('-17' AS BIGINT) AS neg;
-- A BOOLEAN as a TIMESTAMP is 1 or 0 microseconds after the epoch, as Spark casts it (and back: any instant but the epoch is true).
SELECT CAST(true AS TIMESTAMP) AS t, CAST(false AS TIMESTAMP) AS f, CAST(CAST(true AS TIMESTAMP) AS BOOLEAN) AS back;
-- Partial timestamp text, as Spark reads it: a year, a year and month, one-digit fields, a date ending in T.
SELECT CAST('2024' AS TIMESTAMP) AS a, CAST('2024-05' AS TIMESTAMP) AS b, CAST('2024-01-01 01:2:3' AS TIMESTAMP) AS c, CAST('2024-01-01T' AS TIMESTAMP) AS d, CAST('2024-' AS TIMESTAMP) AS bad;
