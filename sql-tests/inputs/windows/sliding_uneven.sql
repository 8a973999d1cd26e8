-- Pins sliding windows whose size is not a multiple of the slide (10 min / 4 min): candidate windows not containing ts are discarded, so 12:07 lands in 2 windows and 12:09 in 3.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY hop AS
  SELECT window.start AS ws, window.end AS we, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes', '4 minutes')
  EMIT COMPLETE;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:07:00');
TRIGGER;
INSERT INTO clicks VALUES ('cart', '2024-04-29 12:09:00');
TRIGGER;
