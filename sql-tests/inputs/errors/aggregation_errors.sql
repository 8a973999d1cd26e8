-- Pins MISSING_AGGREGATION and UNRESOLVED_FUNCTION; HAVING may name a SELECT alias.
CREATE TABLE sales (region STRING, amount DOUBLE);
SELECT region, amount FROM sales GROUP BY region;
SELECT region, sum(count(*)) AS x FROM sales GROUP BY region;
SELECT * FROM sales WHERE sum(amount) > 1;
SELECT frobnicate(amount) AS f FROM sales;
SELECT region, sum(amount) AS total FROM sales GROUP BY region HAVING total > 0;
