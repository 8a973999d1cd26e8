-- Session windows in EMIT UPDATE (Spark refuses this mode): each batch emits the sessions it changed, with their new
-- range; a session whose range grew, or that a merge absorbed, loses the row it was emitted as, so the result table
-- holds one row per session as it now stands. Closed sessions leave state silently and keep their last row. Gap
-- 10 s, watermark delay 5 s; a row is late when its own session [ts, ts + 10 s) ends at or below the watermark.
CREATE SOURCE s (u STRING, ts TIMESTAMP);
CREATE QUERY q AS
  SELECT u, window.start AS s, window.end AS e, count(*) AS n
  FROM s GROUP BY session_window(ts, '10 seconds'), u
  WATERMARK ts 5 seconds
  EMIT UPDATE;
-- batch 0, watermark none: a [:00, :15) with 2 rows, a [:30, :40), b [:02, :12). Watermark :25; no-data batch 1 drops
-- a [:00, :15) and b [:02, :12) from state, silently.
INSERT INTO s VALUES ('a', '2024-01-01 00:00:00'), ('a', '2024-01-01 00:00:05'), ('b', '2024-01-01 00:00:02'), ('a', '2024-01-01 00:00:30');
TRIGGER;
SELECT * FROM q;
-- batch 2, watermark :25: a :20 opens [:20, :30), which touches a [:30, :40): they merge into [:20, :40) with 2 rows and
-- the row a [:30, :40) goes; a :45 opens [:45, :55); b :10 is late (:20 <= :25). Watermark :40; no-data batch 3 closes
-- a [:20, :40).
INSERT INTO s VALUES ('a', '2024-01-01 00:00:20'), ('a', '2024-01-01 00:00:45'), ('b', '2024-01-01 00:00:10');
TRIGGER;
SELECT * FROM q;
RESTART q;
-- batch 4, watermark :40: a :38 is not late (:48 > :40); the closed [:20, :40) is final, so [:38, :48) merges only with
-- [:45, :55), into [:38, :55) with 2 rows. b :60 and b :72 open two sessions 2 s apart. Watermark :67; no-data batch 5
-- closes a [:38, :55).
INSERT INTO s VALUES ('a', '2024-01-01 00:00:38'), ('b', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:01:12');
TRIGGER;
SELECT * FROM q;
RESTART q;
-- batch 6, watermark :67 (restored): b 1:05 bridges b [1:00, 1:10) and b [1:12, 1:22) (restored from the checkpoint):
-- one session [1:00, 1:22) with 3 rows replaces both rows.
INSERT INTO s VALUES ('b', '2024-01-01 00:01:05');
TRIGGER;
SELECT * FROM q;
-- The result table, retractions included, is restored from the checkpoint.
RESTART q;
SELECT * FROM q;
