-- Nexmark q3 (local item suggestion): a stream-stream inner equi-join without a time range (both sides kept without
-- bound) of the generator's auctions and persons, 20,000 events, seed 1. Each micro-batch reads the rows of the same
-- 1,000 events from both sources (20 persons, 60 auctions), so a pair is emitted in the batch that reads the later of
-- its two rows; 2 of the 63 pairs have an auction that arrived before its seller (the generator picks sellers up to
-- 10 people ahead of the newest). The generator's states are AZ, CA, ID, OR, WA, WY, so the original filter applies
-- as is. Expected output computed by bench/nexmark-goldens.ts with DuckDB over the same generated rows, not by the
-- engine.
CREATE SOURCE person (id BIGINT, name STRING, city STRING, state STRING, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'person', events = 20000, seed = 1, rows_per_batch = 20);
CREATE SOURCE auction (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'auction', events = 20000, seed = 1, rows_per_batch = 60);
CREATE QUERY q3 AS
  SELECT p.name, p.city, p.state, a.id
  FROM auction a JOIN person p ON a.seller = p.id
  WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA');
TRIGGER;
SELECT * FROM q3;
