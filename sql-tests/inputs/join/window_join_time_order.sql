-- A window join whose ON compares window.start before window.end: the join's time range is read from the pair of
-- times the watermark bounds (window.end), whatever their order, so both queries emit the windows when they close.
-- batch 0 reads :01 and :05 (auctions 1 and 2); watermark :05. batch 2 reads :15; watermark :15; no-data batch 3
-- closes [:00, :10): auction 1 and 2 with 1 bid each join the window's total.
CREATE SOURCE bid (auction BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY ends_first AS SELECT a.auction, a.n, a.ws FROM
  (SELECT auction, count(*) AS n, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '10 seconds'), auction) a
  JOIN (SELECT count(*) AS total, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '10 seconds')) t
  ON a.we = t.we AND a.ws = t.ws;
CREATE QUERY starts_first AS SELECT a.auction, a.n, a.ws FROM
  (SELECT auction, count(*) AS n, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '10 seconds'), auction) a
  JOIN (SELECT count(*) AS total, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '10 seconds')) t
  ON a.ws = t.ws AND a.we = t.we;
INSERT INTO bid VALUES (1, '2024-01-01 00:00:01'), (2, '2024-01-01 00:00:05');
TRIGGER;
INSERT INTO bid VALUES (1, '2024-01-01 00:00:15');
TRIGGER;
SELECT * FROM ends_first;
SELECT * FROM starts_first;
