-- Pins INVALID_WINDOW: slide > size, size 0, negative size, slide 0, |startTime| >= slide, and two window functions in one GROUP BY; |startTime| < slide is accepted.
CREATE SOURCE events (id INT, ts TIMESTAMP);
CREATE QUERY q1 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '5 minutes', '10 minutes');
CREATE QUERY q2 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '0 seconds');
CREATE QUERY q3 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '-10 minutes');
CREATE QUERY q4 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '10 minutes', '0 minutes');
CREATE QUERY q5 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '10 minutes', '5 minutes', '5 minutes');
CREATE QUERY q6 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '10 minutes', '5 minutes', '-6 minutes');
CREATE QUERY q7 AS SELECT count(*) AS n FROM events GROUP BY window(ts, '10 minutes'), window(ts, '5 minutes');
CREATE QUERY ok AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '10 minutes', '5 minutes', '-4 minutes') EMIT COMPLETE;
INSERT INTO events VALUES (1, '2024-04-29 12:00:00');
TRIGGER;
