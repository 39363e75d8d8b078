-- socialkit audit, the SQL path: the summary counts per channel (and overall, channel = NULL),
-- the same figures as `socialkit audit --format json` ("messages", "answered", "within_sla",
-- "breached"). Run after verdicts.sql. Group by category, team or a week instead as you need.

SELECT
  channel,
  COUNT(*) AS messages,
  SUM(CASE WHEN responded_at IS NOT NULL THEN 1 ELSE 0 END) AS answered,
  SUM(CASE WHEN verdict = 'met' THEN 1 ELSE 0 END) AS within_sla,
  SUM(CASE WHEN verdict = 'breached' THEN 1 ELSE 0 END) AS breached,
  SUM(CASE WHEN verdict = 'pending' THEN 1 ELSE 0 END) AS pending,
  SUM(CASE WHEN responded_at IS NULL THEN 1 ELSE 0 END) AS unanswered,
  MAX(unanswered_age_seconds) AS oldest_unanswered_seconds
FROM verdicts
GROUP BY GROUPING SETS ((channel), ())
ORDER BY channel NULLS FIRST;
