-- Pins when no-data batches run: only after a data batch that advanced the watermark, only for stateful queries that use it (not for an aggregation without watermark, not for a stateless query).
CREATE SOURCE clicks (uid STRING, page STRING, ts TIMESTAMP);
CREATE QUERY per_window AS
  SELECT window.start AS ws, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '5 minutes')
  WATERMARK ts 2 minutes
  EMIT UPDATE;
CREATE QUERY per_page AS
  SELECT page, count(*) AS n
  FROM clicks
  GROUP BY page;
CREATE QUERY checkouts AS
  SELECT uid, ts
  FROM clicks
  WHERE page = 'checkout';
INSERT INTO clicks VALUES ('u1', 'home', '2024-04-29 14:00:00'), ('u2', 'checkout', '2024-04-29 14:04:00');
TRIGGER;
-- max stays 14:04: no no-data batch for per_window
INSERT INTO clicks VALUES ('u3', 'home', '2024-04-29 14:03:00');
TRIGGER;
INSERT INTO clicks VALUES ('u1', 'checkout', '2024-04-29 14:09:00');
TRIGGER;
TRIGGER;
