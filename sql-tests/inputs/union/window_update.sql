-- Pins EMIT UPDATE over a UNION ALL subquery grouped by window and key: each batch emits the groups changed by rows of either input, rows late per the shared watermark change nothing, evicted windows vanish silently and stay in the result table.
CREATE SOURCE web_clicks (page STRING, ts TIMESTAMP);
CREATE SOURCE app_clicks (screen STRING, ts TIMESTAMP);
CREATE QUERY views AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM (SELECT page, ts FROM web_clicks UNION ALL SELECT screen, ts FROM app_clicks)
  GROUP BY window(ts, '1 minute'), page
  WATERMARK ts 30 seconds
  EMIT UPDATE;
INSERT INTO web_clicks VALUES ('home', '2024-05-01 12:00:10'), ('cart', '2024-05-01 12:00:20');
INSERT INTO app_clicks VALUES ('home', '2024-05-01 12:00:40');
TRIGGER;
INSERT INTO app_clicks VALUES ('home', '2024-05-01 12:01:05'), ('cart', '2024-05-01 12:00:50');
TRIGGER;
INSERT INTO web_clicks VALUES ('home', '2024-05-01 12:01:40');
TRIGGER;
-- watermark 12:01:10: web's 12:00:55 is late (window end 12:01:00); app's 12:01:15 counts; max 12:01:15 < 12:01:40: no no-data batch
INSERT INTO web_clicks VALUES ('cart', '2024-05-01 12:00:55');
INSERT INTO app_clicks VALUES ('cart', '2024-05-01 12:01:15');
TRIGGER;
SELECT * FROM views;
