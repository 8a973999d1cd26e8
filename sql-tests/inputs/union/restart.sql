-- Pins RESTART of a windowed APPEND aggregation over a union of sources with declared watermarks: each input's candidate (and whether it has seen data), the query watermark, the state and the result table survive; batch ids continue; no row is lost or emitted twice.
CREATE SOURCE a (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE SOURCE b (v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE QUERY q AS
  SELECT window.start AS ws, count(*) AS n, sum(v) AS total
  FROM (SELECT ts, v FROM a UNION ALL SELECT ts, v FROM b)
  GROUP BY window(ts, '10 seconds')
  EMIT APPEND;
-- a's candidate is 10:00:19; b has no data: watermark none
INSERT INTO a VALUES (1, '2024-05-01 10:00:02'), (2, '2024-05-01 10:00:24');
TRIGGER;
RESTART q;
-- b's candidate 10:00:03 with a's restored 10:00:19: watermark 10:00:03
INSERT INTO b VALUES (10, '2024-05-01 10:00:08');
TRIGGER;
RESTART q;
-- b's candidate 10:00:22; a's restored 10:00:19 is the minimum: watermark 10:00:19 closes [10:00:00, 10:00:10)
INSERT INTO b VALUES (20, '2024-05-01 10:00:27');
TRIGGER;
RESTART q;
TRIGGER;
-- a's 10:00:09 is late (its window was emitted before the restart); b's 10:00:21 joins the open [10:00:20, 10:00:30)
INSERT INTO a VALUES (3, '2024-05-01 10:00:09'), (4, '2024-05-01 10:00:36');
INSERT INTO b VALUES (30, '2024-05-01 10:00:21');
TRIGGER;
-- input inserted before a restart is read after it
INSERT INTO b VALUES (40, '2024-05-01 10:00:41');
RESTART q;
TRIGGER;
SELECT * FROM q ORDER BY ws;
