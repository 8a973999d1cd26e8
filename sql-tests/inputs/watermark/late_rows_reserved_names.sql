-- The late-row table adds _batch, _watermark and _window_end (or _event_time) after the dropping operator's input
-- columns: an input column with one of those names (or _operator) is name_<id>, id the operator's in EXPLAIN, so
-- every column of the table can be selected.
CREATE SOURCE e (_batch INT, _window_end STRING, ts TIMESTAMP);
CREATE QUERY q WITH (late_rows = 'q_late') AS SELECT window.start AS ws, count(*) AS n FROM e GROUP BY window(ts, '10 seconds') WATERMARK ts 0 seconds EMIT UPDATE;
INSERT INTO e VALUES (7, 'x', '2024-01-01 00:00:15');
TRIGGER;
INSERT INTO e VALUES (8, 'y', '2024-01-01 00:00:05');
TRIGGER;
DESCRIBE q_late;
SELECT * FROM q_late;
SELECT _batch, _batch_2, _window_end, _window_end_2 FROM q_late;
