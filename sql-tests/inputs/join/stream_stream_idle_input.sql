-- Pins a join of two streams whose right input gets no rows for a while (LEFT OUTER JOIN, imp delay 5 s, clk delay 10 s, range written c.cts <= i.its + 10 s AND c.cts >= i.its): until both inputs have had a row with a non-NULL event time the watermark stays none, however far the other input gets, so no no-data batch runs, nothing is late and nothing is evicted or padded; a click with a NULL event time does not count; the first real click sets the watermark to the minimum of the two candidates.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '10' SECOND);
CREATE QUERY q AS
  SELECT i.ad, i.its, c.cts
  FROM imp i LEFT OUTER JOIN clk c ON i.ad = c.ad AND c.cts <= i.its + INTERVAL '10' SECOND AND c.cts >= i.its;
-- batch 0, watermark none: only impressions (imp candidate :00, clk none): the watermark stays none, no no-data batch.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:00'), (2, '2024-05-01 10:00:05');
TRIGGER;
-- batch 1, watermark none: imp's candidate becomes :35 but clk's only row has a NULL event time (dropped, no candidate): still none.
INSERT INTO imp VALUES (3, '2024-05-01 10:00:40'), (1, '2024-05-01 10:00:09');
INSERT INTO clk VALUES (4, NULL);
TRIGGER;
-- batch 2, watermark none: imp 6 :20 is older than imp's candidate :35 but not late; clk 1 :08 matches imp 1 :00 (8 s), not imp 1 :09 (1 s before it).
-- Candidates imp :35, clk :08 - 10 s = 09:59:58: watermark 09:59:58, a no-data batch 3 that evicts nothing (impressions need its <= 09:59:48).
INSERT INTO clk VALUES (1, '2024-05-01 10:00:08');
INSERT INTO imp VALUES (6, '2024-05-01 10:00:20');
TRIGGER;
-- batch 4: clk 9 :30 raises clk's candidate to :20: watermark min(:35, :20) = 10:00:20.
-- No-data batch 5 pads imp 2 :05 and imp 1 :09 (its + 10 s <= :20), held since batch 0/1; imp 1 :00 matched: silent; imp 6 :20 and imp 3 :40 wait.
INSERT INTO clk VALUES (9, '2024-05-01 10:00:30');
TRIGGER;
SELECT * FROM q;
