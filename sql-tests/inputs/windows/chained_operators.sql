-- Pins chained stateful operators in APPEND (Spark 3.4+): DISTINCT then a windowed count, and a window over the window.end of another windowed aggregation; a downstream operator judges lateness by the previous batch's watermark, so rows the upstream emits at this watermark are never dropped; EMIT UPDATE over a chain is refused.
CREATE SOURCE e (u STRING, ts TIMESTAMP);
CREATE QUERY dw AS SELECT window.start AS ws, count(*) AS n FROM (SELECT DISTINCT u, ts FROM e WATERMARK ts 2 seconds) GROUP BY window(ts, '10 seconds') EMIT APPEND;
CREATE QUERY ww AS SELECT window.start AS ws, sum(n) AS total, count(*) AS windows FROM (SELECT window.end AS we, u, count(*) AS n FROM e GROUP BY window(ts, '5 seconds'), u WATERMARK ts 2 seconds EMIT APPEND) GROUP BY window(we, '20 seconds') EMIT APPEND;
INSERT INTO e VALUES ('a', '2024-01-01 00:00:01'), ('a', '2024-01-01 00:00:01'), ('b', '2024-01-01 00:00:03'), ('a', '2024-01-01 00:00:06');
TRIGGER;
INSERT INTO e VALUES ('a', '2024-01-01 00:00:12'), ('c', '2024-01-01 00:00:19');
TRIGGER;
INSERT INTO e VALUES ('a', '2024-01-01 00:00:45');
TRIGGER;
CREATE QUERY bad AS SELECT window.start AS ws, count(*) AS n FROM (SELECT DISTINCT u, ts FROM e WATERMARK ts 2 seconds) GROUP BY window(ts, '10 seconds') EMIT UPDATE;
