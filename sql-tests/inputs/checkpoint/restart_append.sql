-- Pins RESTART of an APPEND query with open windows: state, watermark and result table survive, batch ids continue, open windows are emitted later with their full counts.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY per_window AS
  SELECT window.start AS ws, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes')
  WATERMARK ts 5 minutes
  EMIT APPEND;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:02:00'), ('cart', '2024-04-29 12:07:00'), ('home', '2024-04-29 12:14:00');
TRIGGER;
RESTART per_window;
-- the watermark 12:09 survived: 12:08 is not late for [12:00, 12:10)
INSERT INTO clicks VALUES ('home', '2024-04-29 12:08:00'), ('search', '2024-04-29 12:18:00');
TRIGGER;
RESTART per_window;
TRIGGER;
-- 12:03 is late after the restart too (watermark 12:13)
INSERT INTO clicks VALUES ('home', '2024-04-29 12:03:00'), ('cart', '2024-04-29 12:31:00');
TRIGGER;
SELECT * FROM per_window ORDER BY ws;
