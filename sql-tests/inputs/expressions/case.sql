-- Pins both CASE forms: searched CASE (first TRUE branch, NULL conditions skipped, ELSE) and simple CASE (equality, NULL never matches, no ELSE gives NULL).
CREATE TABLE readings (sensor STRING, temp DOUBLE);
INSERT INTO readings VALUES ('s1', 35.5), ('s2', 20.0), ('s3', NULL), ('s4', -5.0);
SELECT sensor,
  CASE WHEN temp >= 30 THEN 'hot' WHEN temp >= 10 THEN 'mild' ELSE 'cold' END AS label,
  CASE sensor WHEN 's1' THEN 1 WHEN 's2' THEN 2 END AS code
FROM readings;
SELECT CASE WHEN NULL THEN 'a' ELSE 'b' END AS x, CASE NULL WHEN NULL THEN 'match' ELSE 'no match' END AS y, CASE 2 WHEN 1 THEN 'one' END AS z, CASE WHEN 1 < 2 THEN 'first' WHEN 2 < 3 THEN 'second' END AS w;
