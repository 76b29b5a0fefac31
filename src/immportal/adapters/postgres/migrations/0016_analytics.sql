-- De-identified analytics: schema "analytics" holds views over the case_milestones read
-- model with no personal data (no names, emails, addresses, answers or reasons; case
-- ids replaced by a salted hash; times cut to UTC days). Role immportal_analyst may
-- read those views and nothing else: not the events, not schema "read", not accounts.
DO $$
BEGIN
    CREATE ROLE immportal_analyst NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- roles are cluster-wide: another database already made it
END
$$;

CREATE SCHEMA analytics;
-- The salt and the functions that read the read models live apart from the views.
CREATE SCHEMA analytics_source;

-- Without the salt nobody can turn a case id into its key (or back by trying ids).
CREATE TABLE analytics_source.salt (value text NOT NULL);
INSERT INTO analytics_source.salt
    VALUES (encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'));

-- The read models are views that a rebuild drops and creates again, and they appear only
-- once the portal first starts, after this migration. A view over them would block the
-- rebuild's DROP VIEW and could not be created here, so the views below call PL/pgSQL
-- functions instead: their bodies are resolved when they run and leave no dependency.
-- They run as the application role (SECURITY DEFINER), which owns the read models, and
-- return only de-identified columns.
CREATE FUNCTION analytics_source.case_milestones()
RETURNS TABLE (
    case_key text, form_type text, office text, status text,
    submitted_on date, accepted_on date, first_decided_on date, decided_on date,
    outcome text, withdrawn_on date, rejected_on date, closed_on date,
    decisions integer, reopenings integer, transfers integer
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT encode(sha256(convert_to(s.value || m.case_id::text, 'UTF8')), 'hex'),
           m.form_type, m.office, m.status,
           (m.submitted_at AT TIME ZONE 'UTC')::date, (m.accepted_at AT TIME ZONE 'UTC')::date,
           (m.first_decided_at AT TIME ZONE 'UTC')::date, (m.decided_at AT TIME ZONE 'UTC')::date,
           m.outcome, (m.withdrawn_at AT TIME ZONE 'UTC')::date,
           (m.rejected_at AT TIME ZONE 'UTC')::date, (m.closed_at AT TIME ZONE 'UTC')::date,
           m.decisions, m.reopenings, m.transfers
      FROM read.case_milestones m CROSS JOIN analytics_source.salt s;
END
$$;

CREATE FUNCTION analytics_source.decisions()
RETURNS TABLE (
    case_key text, form_type text, office text, outcome text,
    accepted_on date, decided_on date, days_to_decide numeric, first_decision boolean
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT encode(sha256(convert_to(s.value || d.case_id::text, 'UTF8')), 'hex'),
           d.form_type, d.office, d.outcome,
           (d.accepted_at AT TIME ZONE 'UTC')::date, (d.decided_at AT TIME ZONE 'UTC')::date,
           round(extract(epoch FROM d.decided_at - d.accepted_at) / 86400, 1),
           d.ordinal = 1
      FROM read.milestone_decisions d CROSS JOIN analytics_source.salt s;
END
$$;

ALTER FUNCTION analytics_source.case_milestones() OWNER TO {{app_role}};
ALTER FUNCTION analytics_source.decisions() OWNER TO {{app_role}};
GRANT USAGE ON SCHEMA analytics_source TO {{app_role}};
GRANT SELECT ON analytics_source.salt TO {{app_role}};
-- Functions are executable by everyone unless revoked.
REVOKE ALL ON FUNCTION analytics_source.case_milestones(), analytics_source.decisions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics_source.case_milestones(), analytics_source.decisions()
    TO immportal_analyst;

CREATE VIEW analytics.case_milestones AS SELECT * FROM analytics_source.case_milestones();
CREATE VIEW analytics.decisions AS SELECT * FROM analytics_source.decisions();

CREATE VIEW analytics.backlog AS
SELECT office, form_type, status, count(*) AS cases, min(accepted_on) AS oldest_accepted_on
  FROM analytics.case_milestones
 WHERE status IN ('submitted', 'accepted', 'biometrics_scheduled', 'biometrics_attended',
                  'biometrics_missed', 'assigned', 'evidence_requested', 'evidence_received',
                  'interview_scheduled', 'interview_completed', 'decision_proposed',
                  'decision_reviewed', 'appealed', 'reopened')
 GROUP BY office, form_type, status;

-- First decisions issued in the last six months, per form and office.
CREATE VIEW analytics.processing_times AS
SELECT form_type, office, count(*) AS decisions,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_decide::float8) AS median_days,
       percentile_cont(0.8) WITHIN GROUP (ORDER BY days_to_decide::float8) AS p80_days
  FROM analytics.decisions
 WHERE first_decision AND accepted_on IS NOT NULL
   AND decided_on > (now() AT TIME ZONE 'UTC')::date - interval '6 months'
 GROUP BY form_type, office;

GRANT USAGE ON SCHEMA analytics TO immportal_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO immportal_analyst;
