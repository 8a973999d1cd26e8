-- Pins UNSUPPORTED_STREAMING_OPERATION: APPEND aggregation without watermark, ORDER BY in UPDATE and APPEND, COMPLETE on a non-aggregate query, a stream-stream outer join without watermarks; failed queries never run.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE SOURCE views (page STRING, ts TIMESTAMP);
CREATE QUERY q1 AS SELECT window.start AS ws, count(*) AS n FROM clicks GROUP BY window(ts, '10 minutes') EMIT APPEND;
CREATE QUERY q2 AS SELECT page, count(*) AS n FROM clicks GROUP BY page ORDER BY n DESC EMIT UPDATE;
CREATE QUERY q3 AS SELECT page, ts FROM clicks ORDER BY ts;
CREATE QUERY q4 AS SELECT page, ts FROM clicks EMIT COMPLETE;
CREATE QUERY q5 AS SELECT clicks.page AS page, views.ts AS viewed FROM clicks LEFT JOIN views ON clicks.page = views.page;
CREATE QUERY ok AS SELECT page, count(*) AS n FROM clicks GROUP BY page;
INSERT INTO clicks VALUES ('home', '2024-04-29 12:00:00');
TRIGGER;
