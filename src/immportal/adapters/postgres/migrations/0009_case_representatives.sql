-- read.case_summary gains the representatives each case's applicant authorized.
-- Generations made from now on get the column from the projection's DDL; this adds it
-- to the generations that exist already (no case had a representative before, so the
-- empty default is their true value) and refreshes the view, whose * was fixed when it
-- was made. On a new database there is nothing to do yet.
DO $$
DECLARE
    generation integer;
    live integer;
BEGIN
    FOR generation IN
        SELECT p.generation FROM projection_positions p WHERE p.name = 'case_summary'
    LOOP
        IF to_regclass(format('read.%I', 'case_summary_g' || generation)) IS NOT NULL THEN
            EXECUTE format(
                'ALTER TABLE read.%I ADD COLUMN IF NOT EXISTS representative_ids text[]'
                ' NOT NULL DEFAULT ''{}''',
                'case_summary_g' || generation
            );
        END IF;
    END LOOP;
    SELECT s.live_generation INTO live FROM projection_state s WHERE s.name = 'case_summary';
    IF to_regclass('read.case_summary') IS NOT NULL
        AND to_regclass(format('read.%I', 'case_summary_g' || live)) IS NOT NULL THEN
        -- OR REPLACE keeps the view's owner (the app role, which later rebuilds replace it).
        EXECUTE format(
            'CREATE OR REPLACE VIEW read.case_summary AS SELECT * FROM read.%I',
            'case_summary_g' || live
        );
    END IF;
END
$$;
