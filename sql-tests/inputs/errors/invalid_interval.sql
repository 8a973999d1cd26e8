-- Pins INVALID_INTERVAL for durations that cannot be read (unknown unit, missing number).
CREATE SOURCE events (id INT, ts TIMESTAMP);
CREATE QUERY q1 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '10 parsecs');
CREATE QUERY q2 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, 'ten minutes');
CREATE QUERY q3 AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '10 minutes', '5');
CREATE QUERY ok AS SELECT window.start AS ws, count(*) AS n FROM events GROUP BY window(ts, '10 minutes') EMIT COMPLETE;
