// The built-in example: a windowed aggregation with a watermark over the deterministic datagen source.

export const EXAMPLE_SQL = `-- 100,000 generated bids, 10 ms apart in event time, up to 2 s out of order.
CREATE SOURCE bids (auction BIGINT, price DOUBLE, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = 100000, seed = 1, rows_per_batch = 20000, step = '10 ms',
        max_out_of_order = '2 seconds', 'fields.auction.min' = 1, 'fields.auction.max' = 3,
        'fields.price.min' = 1, 'fields.price.max' = 500);

-- Bids and top price per auction per 2-minute window, each window emitted once the watermark passes its end.
CREATE QUERY top_bids AS
  SELECT window.start AS window_start, auction, count(*) AS bids, round(max(price), 2) AS top
  FROM bids
  GROUP BY window(ts, '2 minutes'), auction
  WATERMARK ts 10 seconds
  EMIT APPEND;

TRIGGER;

SELECT count(*) AS windows_emitted, sum(bids) AS bids_counted FROM top_bids;
`;
