-- Pins WITH (late_rows = name): every row the watermark drops goes to a read-only APPEND table with its columns, _batch, _watermark and _window_end (one row per late (row, window) pair; sessions: the row's own session end) or _event_time (DISTINCT on an event-time column); it survives RESTART and goes with DROP QUERY.
CREATE SOURCE e (u STRING, v INT, ts TIMESTAMP);
CREATE QUERY w WITH (late_rows = 'w_late') AS SELECT window.start AS ws, u, count(*) AS n FROM e GROUP BY window(ts, '10 seconds', '5 seconds'), u WATERMARK ts 2 seconds EMIT APPEND;
CREATE QUERY d WITH (late_rows = 'd_late') AS SELECT DISTINCT u, ts FROM e WATERMARK ts 2 seconds;
CREATE QUERY s WITH (late_rows = 's_late') AS SELECT window.start, u, count(*) AS n FROM e GROUP BY session_window(ts, '3 seconds'), u WATERMARK ts 2 seconds EMIT APPEND;
INSERT INTO e VALUES ('a', 1, '2024-01-01 00:00:01'), ('a', 2, '2024-01-01 00:00:20');
TRIGGER;
INSERT INTO e VALUES ('a', 3, '2024-01-01 00:00:12'), ('b', 4, '2024-01-01 00:00:19'), ('a', 5, '2024-01-01 00:00:01');
TRIGGER;
SELECT * FROM w_late;
SELECT * FROM d_late;
SELECT * FROM s_late;
DESCRIBE w_late;
RESTART w;
SELECT * FROM w_late;
DROP QUERY w_late;
CREATE QUERY bad WITH (late_rows = 'x') AS SELECT u FROM e;
DROP QUERY w;
SELECT * FROM w_late;
