-- Nexmark q11 (user sessions): session windows of 10 seconds per bidder in APPEND mode over the generator's bids,
-- 187,000 events, seed 1 (172,040 bids, 100 us apart: about 18.7 s of event time; fewer events close no session at
-- all, as a bidder stays active for about 5 s and a session ends 10 s after its last bid). rows_per_batch = 10000
-- makes 18 data batches and a final no-data batch; the TRIGGER output pins which batch emits each session (the first
-- whose watermark, the previous batches' max event time - 4 s, is >= its end), and SELECT * the result table. Of 3661
-- sessions 43 close by the final watermark; the 3618 others stay open. Expected output computed by
-- bench/nexmark-goldens.ts with DuckDB over the same generated rows (gaps and islands), not by the engine.
CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'bid', events = 187000, seed = 1, rows_per_batch = 10000);
CREATE QUERY q11 AS
  SELECT bidder, count(*) AS bids, window.start AS starttime, window.end AS endtime
  FROM bid
  GROUP BY session_window(date_time, '10 seconds'), bidder
  WATERMARK date_time 4 seconds
  EMIT APPEND;
TRIGGER;
SELECT * FROM q11;
