-- A window over the window.start of the aggregation below (a chain): rows leave the inner aggregation once their
-- window closed, so a start trails the watermark by at most the inner size (10 s); the outer window closes once its
-- end <= watermark - 10 s. Before, only window.end counted as an event time for the aggregation above, and this was
-- refused. Watermark 0 s.
-- Inner 10 s windows: [:00, :10) 2 rows (:01, :05), [:10, :20) 1 (:12), [:20, :30) 1 (:25), [:40, :50) 1 (:45).
-- batch 1 at :25: the inner windows [:00, :10) and [:10, :20) close; the outer [:00, :20) needs :20 <= :15: not yet.
-- batch 3 at :45: inner [:20, :30) closes; outer [:00, :20) closes (:20 <= :35): total 3 over 2 windows; [:20, :40)
--   needs :40 <= :35: not yet.
-- batch 5 at 1:30: inner [:40, :50) closes; outer [:20, :40) (1, 1) and [:40, 1:00) (1, 1) close.
CREATE SOURCE s (ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY q AS SELECT window.start AS m, sum(n) AS total, count(*) AS windows
  FROM (SELECT window.start AS ws, count(*) AS n FROM s GROUP BY window(ts, '10 seconds'))
  GROUP BY window(ws, '20 seconds');
INSERT INTO s VALUES ('2024-01-01 00:00:01'), ('2024-01-01 00:00:05'), ('2024-01-01 00:00:12'), ('2024-01-01 00:00:25');
TRIGGER;
INSERT INTO s VALUES ('2024-01-01 00:00:45');
TRIGGER;
INSERT INTO s VALUES ('2024-01-01 00:01:30');
TRIGGER;
SELECT * FROM q ORDER BY m;
