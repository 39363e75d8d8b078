-- socialkit audit, the SQL path: per-message verdicts for logs beyond one machine's memory.
--
-- Inputs (see docs/guide/audit.md): the tables `socialkit audit --duckdb-export DIR` writes
-- (horizon, segments, windows, days, plans, arrival_windows, rules, rule_values, rule_keywords) and a view
-- `messages` over your log with these columns:
--   id VARCHAR (unique), received_at BIGINT (UTC epoch seconds), channel VARCHAR, category VARCHAR
--   (policy ids), acknowledged_at BIGINT, responded_at BIGINT (NULL when not done), followers BIGINT,
--   author_type VARCHAR, text VARCHAR, crisis BOOLEAN, kind VARCHAR (a message kind id such as
--   'direct-message') (NULL reads as unknown / no / empty / not stated).
-- Output: the view `verdicts`, one row per message inside the compiled horizon.
--
-- Plain SQL (CTEs, joins on ranges, CASE, GREATEST/LEAST, COALESCE). Two dialect points:
-- regexp_replace with \pL\pN classes (DuckDB, Spark, BigQuery; Postgres: '[^[:alnum:]]+'),
-- and POSITION(x IN y). Keyword phrases are matched on whole words, like the embedded engine.

CREATE OR REPLACE VIEW verdicts AS
WITH
params AS (
  SELECT GREATEST(MAX(received_at), COALESCE(MAX(acknowledged_at), 0), COALESCE(MAX(responded_at), 0)) AS now_at
  FROM messages
),
m AS (
  SELECT
    id, received_at AS t, channel, category, responded_at,
    CASE WHEN responded_at IS NOT NULL AND (acknowledged_at IS NULL OR responded_at < acknowledged_at)
         THEN responded_at ELSE acknowledged_at END AS acknowledged_at,
    COALESCE(followers, -1) AS followers, author_type, COALESCE(crisis, FALSE) AS crisis, kind AS message_kind,
    ' ' || TRIM(regexp_replace(lower(COALESCE(text, '')), '[^\pL\pN]+', ' ', 'g')) || ' ' AS words
  FROM messages, horizon
  WHERE received_at >= horizon.horizon_start AND received_at < horizon.horizon_end
),
matched AS (
  SELECT m.id, MIN(r.rule_index) AS rule_index
  FROM m JOIN rules r ON
        (NOT r.has_categories OR EXISTS (SELECT 1 FROM rule_values v WHERE v.rule_index = r.rule_index AND v.kind = 'category' AND v.value = m.category))
    AND (NOT r.has_channels OR EXISTS (SELECT 1 FROM rule_values v WHERE v.rule_index = r.rule_index AND v.kind = 'channel' AND v.value = m.channel))
    AND (NOT r.has_author_types OR EXISTS (SELECT 1 FROM rule_values v WHERE v.rule_index = r.rule_index AND v.kind = 'author_type' AND v.value = m.author_type))
    AND (NOT r.has_kinds OR EXISTS (SELECT 1 FROM rule_values v WHERE v.rule_index = r.rule_index AND v.kind = 'kind' AND v.value = m.message_kind))
    AND (r.min_followers IS NULL OR (m.followers >= 0 AND m.followers >= r.min_followers))
    AND (r.max_followers IS NULL OR (m.followers >= 0 AND m.followers <= r.max_followers))
    AND (r.crisis IS NULL OR r.crisis = m.crisis)
    AND (r.during IS NULL OR EXISTS (SELECT 1 FROM windows w WHERE w.schedule = r.during AND w.w_start <= m.t AND m.t < w.w_end))
    AND (r.outside IS NULL OR NOT EXISTS (SELECT 1 FROM windows w WHERE w.schedule = r.outside AND w.w_start <= m.t AND m.t < w.w_end))
    AND (NOT r.has_keywords OR EXISTS (SELECT 1 FROM rule_keywords k WHERE k.rule_index = r.rule_index AND POSITION(k.phrase IN m.words) > 0))
  GROUP BY m.id
),
plan_of AS (
  SELECT m.*, COALESCE(x.rule_index, -1) AS rule_index,
         p.rule, p.team, p.schedule, p.clock AS p_clock,
         p.ack_within AS p_ack_within, p.ack_clock AS p_ack_clock, p.ack_closed AS p_ack_closed, p.ack_closed_eonbd AS p_ack_eonbd,
         p.ack_working_days AS p_ack_working_days,
         p.resp_within AS p_resp_within, p.resp_clock AS p_resp_clock, p.resp_closed AS p_resp_closed,
         p.resp_closed_eonbd AS p_resp_eonbd, p.resp_working_days AS p_resp_working_days
  FROM m
  LEFT JOIN matched x ON x.id = m.id
  JOIN plans p ON p.channel = m.channel AND p.category = m.category AND p.crisis = m.crisis
              AND p.rule_index = COALESCE(x.rule_index, -1)
              AND (p.kind = m.message_kind OR (p.kind IS NULL AND m.message_kind IS NULL))
),
window_hits AS (  -- the arrival windows whose schedule is open at the arrival (during NULL: otherwise)
  SELECT po.id, aw.kind, aw.position, aw.within, aw.clock, aw.closed, aw.closed_eonbd, aw.working_days
  FROM plan_of po
  JOIN arrival_windows aw ON aw.channel = po.channel AND aw.category = po.category AND aw.crisis = po.crisis
                         AND aw.rule_index = po.rule_index
                         AND (aw.message_kind = po.message_kind OR (aw.message_kind IS NULL AND po.message_kind IS NULL))
  WHERE aw.during IS NULL OR EXISTS (SELECT 1 FROM windows w WHERE w.schedule = aw.during AND w.w_start <= po.t AND po.t < w.w_end)
),
first_hits AS (  -- the first of them applies
  SELECT h.* FROM window_hits h
  WHERE h.position = (SELECT MIN(x.position) FROM window_hits x WHERE x.id = h.id AND x.kind = h.kind)
),
resolved AS (
  SELECT po.*,
         COALESCE(a.within, po.p_ack_within) AS ack_within, COALESCE(a.clock, po.p_ack_clock) AS ack_clock,
         CASE WHEN a.id IS NULL THEN po.p_ack_closed ELSE a.closed END AS ack_closed,
         CASE WHEN a.id IS NULL THEN po.p_ack_eonbd ELSE a.closed_eonbd END AS ack_closed_eonbd,
         CASE WHEN a.id IS NULL THEN po.p_ack_working_days ELSE a.working_days END AS ack_working_days,
         COALESCE(r.within, po.p_resp_within) AS resp_within, COALESCE(r.clock, po.p_resp_clock) AS resp_clock,
         CASE WHEN r.id IS NULL THEN po.p_resp_closed ELSE r.closed END AS resp_closed,
         CASE WHEN r.id IS NULL THEN po.p_resp_eonbd ELSE r.closed_eonbd END AS resp_closed_eonbd,
         CASE WHEN r.id IS NULL THEN po.p_resp_working_days ELSE r.working_days END AS resp_working_days
  FROM plan_of po
  LEFT JOIN first_hits a ON a.id = po.id AND a.kind = 'acknowledge'
  LEFT JOIN first_hits r ON r.id = po.id AND r.kind = 'respond'
),
planned AS (  -- the clock of the main target: respond, else acknowledge
  SELECT rs.*,
         CASE WHEN rs.resp_within IS NOT NULL THEN rs.resp_clock WHEN rs.ack_within IS NOT NULL THEN rs.ack_clock
              ELSE rs.p_clock END AS main_clock
  FROM resolved rs
),
targets AS (  -- one row per message and target
  SELECT id, t, schedule, 'acknowledge' AS kind, ack_within AS within, ack_clock AS clock, ack_closed AS closed_within,
         ack_closed_eonbd AS closed_eonbd, ack_working_days AS working_days FROM planned WHERE ack_within IS NOT NULL
  UNION ALL
  SELECT id, t, schedule, 'respond', resp_within, resp_clock, resp_closed, resp_closed_eonbd, resp_working_days
  FROM planned WHERE resp_within IS NOT NULL
),
arrival AS (  -- the segment of the target's schedule holding t: open or not, open seconds before t, next opening
  SELECT tg.*,
         (s.schedule IS NOT NULL AND tg.t < s.w_end) AS is_open,
         s.cum + LEAST(tg.t, s.w_end) - s.w_start AS open_before,
         CASE WHEN tg.t < s.w_end THEN tg.t ELSE s.next_start END AS next_open
  FROM targets tg
  LEFT JOIN segments s ON s.schedule = tg.schedule AND s.seg_from <= tg.t AND tg.t < s.seg_to
),
mode AS (
  SELECT a.*,
    CASE
      WHEN a.schedule IS NULL AND a.working_days IS NOT NULL THEN 'none'  -- working days need a schedule
      WHEN a.schedule IS NULL THEN 'calendar'
      WHEN NOT a.is_open AND a.closed_eonbd THEN 'end-of-next-business-day'
      WHEN NOT a.is_open AND a.closed_within IS NOT NULL AND a.clock = 'calendar' THEN 'calendar-from-opening'
      WHEN NOT a.is_open AND a.closed_within IS NOT NULL THEN 'business'
      WHEN a.working_days IS NOT NULL THEN 'working-days'
      WHEN a.clock = 'calendar' THEN 'calendar'
      ELSE 'business'
    END AS how,
    CASE WHEN a.schedule IS NOT NULL AND NOT a.is_open AND a.closed_within IS NOT NULL THEN a.closed_within ELSE a.within END AS seconds
  FROM arrival a
),
due AS (
  SELECT md.id, md.kind,
    CASE md.how
      WHEN 'calendar' THEN md.t + md.seconds
      WHEN 'calendar-from-opening' THEN md.next_open + md.seconds
      WHEN 'end-of-next-business-day' THEN d.day_close
      WHEN 'working-days' THEN wd.work_close
      WHEN 'none' THEN NULL
      ELSE CASE WHEN md.seconds = 0 THEN md.next_open ELSE w.w_start + (md.open_before + md.seconds - w.cum) END
    END AS due_at
  FROM mode md
  LEFT JOIN windows w ON md.how = 'business' AND md.seconds > 0 AND w.schedule = md.schedule
       AND w.cum < md.open_before + md.seconds AND md.open_before + md.seconds <= w.cum + (w.w_end - w.w_start)
  LEFT JOIN days d ON md.how = 'end-of-next-business-day' AND d.schedule = md.schedule
       AND d.day_start <= md.next_open AND md.next_open < d.day_end
  -- working days: the close of the n-th working day after the date of arrival
  LEFT JOIN days d0 ON md.how = 'working-days' AND d0.schedule = md.schedule AND d0.day_start <= md.t AND md.t < d0.day_end
  LEFT JOIN days wd ON md.how = 'working-days' AND wd.schedule = md.schedule AND wd.work_close >= 0
       AND wd.worked = d0.worked + md.working_days AND wd.work_close < (SELECT horizon_end FROM horizon)
),
pivoted AS (
  SELECT p.*,
    (SELECT due_at FROM due WHERE due.id = p.id AND due.kind = 'acknowledge') AS ack_due_raw,
    (SELECT due_at FROM due WHERE due.id = p.id AND due.kind = 'respond') AS respond_by
  FROM planned p
),
capped AS (
  SELECT pv.*,
    CASE WHEN pv.ack_within IS NOT NULL AND pv.resp_within IS NOT NULL AND pv.respond_by IS NOT NULL
              AND (pv.ack_due_raw IS NULL OR pv.ack_due_raw > pv.respond_by)
         THEN pv.respond_by ELSE pv.ack_due_raw END AS acknowledge_by
  FROM pivoted pv
),
judged AS (
  SELECT c.*, params.now_at,
    CASE WHEN c.ack_within IS NULL THEN 'no target'
         WHEN c.acknowledge_by IS NULL THEN 'unknown'
         WHEN c.acknowledged_at IS NOT NULL AND c.acknowledged_at <= c.acknowledge_by THEN 'met'
         WHEN c.acknowledged_at IS NOT NULL OR params.now_at > c.acknowledge_by THEN 'breached'
         ELSE 'pending' END AS acknowledge_verdict,
    CASE WHEN c.resp_within IS NULL THEN 'no target'
         WHEN c.respond_by IS NULL THEN 'unknown'
         WHEN c.responded_at IS NOT NULL AND c.responded_at <= c.respond_by THEN 'met'
         WHEN c.responded_at IS NOT NULL OR params.now_at > c.respond_by THEN 'breached'
         ELSE 'pending' END AS respond_verdict
  FROM capped c, params
)
SELECT
  id, channel, category, t AS received_at, acknowledged_at, responded_at, rule, team, main_clock AS clock,
  acknowledge_by, respond_by, acknowledge_verdict, respond_verdict,
  CASE WHEN 'breached' IN (acknowledge_verdict, respond_verdict) THEN 'breached'
       WHEN 'pending' IN (acknowledge_verdict, respond_verdict) THEN 'pending'
       WHEN 'unknown' IN (acknowledge_verdict, respond_verdict) THEN 'unknown'
       WHEN 'met' IN (acknowledge_verdict, respond_verdict) THEN 'met'
       ELSE 'no target' END AS verdict,
  responded_at - t AS respond_calendar_seconds,
  CASE WHEN responded_at IS NULL THEN now_at - t END AS unanswered_age_seconds
FROM judged;
