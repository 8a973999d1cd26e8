-- Refused chains: an outer join whose bounded time comes out of an inner join of two streams with no range on it (an
-- a⋈b row can still arrive with any a.ts, so c's "no match" is never final), and EMIT UPDATE on an aggregation inside
-- a FROM subquery (the UPDATE result table is keyed by the groups of the query's own SELECT).
CREATE SOURCE a (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE SOURCE b (k BIGINT, bts TIMESTAMP, WATERMARK FOR bts AS bts);
CREATE SOURCE c (k BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts);
CREATE QUERY q AS SELECT a.k, a.ts, c.k AS ck, c.cts FROM a JOIN b ON a.k = b.k
  RIGHT JOIN c ON c.k = a.k AND c.cts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND;
CREATE SOURCE s (u STRING, ts TIMESTAMP);
CREATE QUERY q2 AS SELECT * FROM (SELECT u, window.start AS s, window.end AS e, count(*) AS n
  FROM s GROUP BY session_window(ts, '10 seconds'), u) x WHERE n > 0;
-- The same aggregation as the query's own SELECT, filtered with HAVING, runs.
CREATE QUERY q3 AS SELECT u, window.start AS s, window.end AS e, count(*) AS n
  FROM s GROUP BY session_window(ts, '10 seconds'), u HAVING count(*) > 0;
INSERT INTO s VALUES ('a', '2024-01-01 00:00:00');
TRIGGER;
INSERT INTO s VALUES ('a', '2024-01-01 00:00:05');
TRIGGER;
SELECT * FROM q3;
