-- Pins datagen sequence columns (Flink's 'fields.<col>.kind' = 'sequence'): start, start + 1, ..., end, also as STRING;
-- the source ends with its shortest sequence when rows is omitted; event time advances one second every
-- events_per_second rows; random columns beside them stay within their choice list and range. (rows_per_second paces
-- the source by the wall clock, so no golden file uses it.)
CREATE SOURCE orders (id BIGINT, code STRING, shop STRING, qty INT, price DOUBLE, ts TIMESTAMP)
  WITH (connector = 'datagen', seed = 7, rows_per_batch = 4, events_per_second = 2,
        'fields.id.kind' = 'sequence', 'fields.id.start' = 101, 'fields.id.end' = 110,
        'fields.code.kind' = 'sequence', 'fields.code.start' = 1, 'fields.code.end' = 1000,
        'fields.shop.values' = 'north,south', 'fields.qty.min' = 1, 'fields.qty.max' = 3,
        'fields.price.min' = 10, 'fields.price.max' = 20);
CREATE QUERY seq AS SELECT id, code, ts FROM orders;
CREATE QUERY in_range AS
  SELECT count(*) AS n,
         sum(CASE WHEN shop IN ('north', 'south') THEN 1 ELSE 0 END) AS shop_ok,
         sum(CASE WHEN qty BETWEEN 1 AND 3 THEN 1 ELSE 0 END) AS qty_ok,
         sum(CASE WHEN price >= 10 AND price <= 20 THEN 1 ELSE 0 END) AS price_ok
  FROM orders
  EMIT COMPLETE;
TRIGGER;
-- rows bounds a sequence further.
CREATE SOURCE few (id INT, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = 3, 'fields.id.kind' = 'sequence', 'fields.id.start' = -1, 'fields.id.end' = 100);
CREATE QUERY few_rows AS SELECT id, ts FROM few;
TRIGGER;
-- Options that do not fit a column are refused.
CREATE SOURCE bad1 (id BIGINT) WITH (connector = 'datagen', 'fields.id.kind' = 'sequence');
CREATE SOURCE bad2 (id BIGINT) WITH (connector = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.end' = 5, 'fields.id.max' = 3);
CREATE SOURCE bad3 (ts TIMESTAMP) WITH (connector = 'datagen', 'fields.ts.kind' = 'sequence', 'fields.ts.end' = 5);
CREATE SOURCE bad4 (id BIGINT) WITH (connector = 'datagen', 'fields.idd.min' = 5);
CREATE SOURCE bad5 (id BIGINT) WITH (connector = 'datagen', 'fields.id.kind' = 'counter');
CREATE SOURCE bad6 (ts TIMESTAMP) WITH (connector = 'datagen', step = '1 second', events_per_second = 10);
