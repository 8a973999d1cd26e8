-- Nexmark q8 (monitor new users): the persons who created an auction in the tumbling window in which they registered,
-- a join of the persons grouped by (id, name, window) with the sellers grouped by (seller, window) on id = seller and
-- the same window, in APPEND mode, over the generator's persons and auctions, 10,000 events, seed 1 (200 persons, 600
-- auctions). The benchmark's SQL (bench/queries.ts) with every duration divided by 100: windows of 100 ms (Nexmark:
-- 10 s), watermark delay 40 ms on each input. Each micro-batch reads the rows of the same 750 events from both
-- sources (15 persons, 45 auctions): 14 data batches and a final no-data batch. The first windows have the most
-- sellers among their persons (a seller is the hot person or one of the last 1,000 persons, fewer at first). 9
-- windows close with a match (30 rows); 2 rows of open windows are left out. Expected output: what APPEND emits once
-- all input is processed. Each window's rows appear in the first batch whose watermark (the previous batches' max
-- event time - 40 ms; with two inputs the smaller of theirs) is >= the window's end, and the final no-data batch runs
-- with the final watermark; the windows it leaves open are never emitted, so their rows are left out of the expected
-- output. Computed by bench/nexmark-goldens.ts with DuckDB over the same generated rows (windows assigned in SQL, a
-- batch join), not by the engine.
CREATE SOURCE person (id BIGINT, name STRING, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'person', events = 10000, seed = 1, rows_per_batch = 15);
CREATE SOURCE auction (seller BIGINT, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'auction', events = 10000, seed = 1, rows_per_batch = 45);
CREATE QUERY q8 AS
  SELECT p.id, p.name, p.starttime
  FROM (SELECT id, name, window.start AS starttime, window.end AS endtime
        FROM person GROUP BY window(date_time, '100 milliseconds'), id, name WATERMARK date_time 40 milliseconds) p
  JOIN (SELECT seller, window.start AS starttime, window.end AS endtime
        FROM auction GROUP BY window(date_time, '100 milliseconds'), seller WATERMARK date_time 40 milliseconds) a
  ON p.id = a.seller AND p.endtime = a.endtime AND p.starttime = a.starttime;
TRIGGER;
SELECT * FROM q8;
