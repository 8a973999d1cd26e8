-- Pins EXPLAIN: fused stateless stages, which operator holds state and how it is evicted, watermark, output mode.
CREATE SOURCE clicks (page STRING, user_id BIGINT, ts TIMESTAMP);
EXPLAIN SELECT page, user_id * 2 AS u FROM clicks WHERE page <> 'home';
EXPLAIN CREATE QUERY per_page AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  WHERE user_id > 0
  GROUP BY window(ts, '10 minutes', '5 minutes'), page
  WATERMARK ts 2 minutes
  EMIT APPEND;
EXPLAIN CREATE QUERY totals AS SELECT page, count(*) AS n FROM clicks GROUP BY page;
