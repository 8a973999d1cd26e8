-- Pins a union of a source with itself: every row comes out once per branch (twice for identical branches), branches may project and filter differently, one batch per TRIGGER.
CREATE SOURCE events (v BIGINT, tag STRING, ts TIMESTAMP);
CREATE QUERY twice AS SELECT v, tag FROM events UNION ALL SELECT v, tag FROM events;
CREATE QUERY split AS
  SELECT v, 'small' AS size FROM events WHERE v < 10
  UNION ALL
  SELECT v * 100, 'big' FROM events WHERE v >= 5;
-- 7 matches both branches of split: it comes out as 7 small and 700 big
INSERT INTO events VALUES (1, 'a', '2024-05-01 10:00:00'), (7, 'b', '2024-05-01 10:00:01');
TRIGGER;
INSERT INTO events VALUES (12, 'c', '2024-05-01 10:00:02');
TRIGGER;
SELECT v, count(*) AS n FROM twice GROUP BY v;
SELECT * FROM split ORDER BY v;
