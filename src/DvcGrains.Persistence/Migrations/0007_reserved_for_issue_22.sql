-- Number 7 belongs to another branch's migration (issue 22); this placeholder keeps the numbers without a gap until
-- that branch merges, and goes then.
SELECT 1;
