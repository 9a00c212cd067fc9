-- Number 10 belongs to another branch's migration; this placeholder keeps the numbers without a gap until that
-- branch merges, and goes then.
SELECT 1;
