-- Derived data kept right by the database itself (decision 012), so that the 経産局 home, the tile map and the area
-- KPIs read indexes instead of joining millions of rows on every request. The application never writes any of it.
--
-- 1. The company's prefecture, copied onto cases, case_themes and activities: each row takes its value from its
--    parent on insert and whenever the parent changes (a merge moves a case or an activity to another company; a
--    company moves to another prefecture).
-- 2. company_support_years: per fiscal year (April–March, JST), each company with an activity in it and the moment
--    of its first one.

-- 1. cases and activities: from their company, on insert and when they move to another company.
CREATE OR REPLACE FUNCTION renkei_prefecture_from_company() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT co.prefecture_code INTO NEW.prefecture_code FROM companies co WHERE co.id = NEW.company_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_prefecture_from_company BEFORE INSERT OR UPDATE OF company_id ON cases
  FOR EACH ROW EXECUTE FUNCTION renkei_prefecture_from_company();
--> statement-breakpoint
CREATE TRIGGER activities_prefecture_from_company BEFORE INSERT OR UPDATE OF company_id ON activities
  FOR EACH ROW EXECUTE FUNCTION renkei_prefecture_from_company();
--> statement-breakpoint

-- case_themes: from their case.
CREATE OR REPLACE FUNCTION renkei_prefecture_from_case() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.prefecture_code INTO NEW.prefecture_code FROM cases c WHERE c.id = NEW.case_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_themes_prefecture_from_case BEFORE INSERT OR UPDATE OF case_id ON case_themes
  FOR EACH ROW EXECUTE FUNCTION renkei_prefecture_from_case();
--> statement-breakpoint

-- A case whose prefecture changed (it moved to another company, or its company moved) carries its themes along.
-- Not "UPDATE OF prefecture_code": a column set by a BEFORE trigger does not count as updated for that filter.
CREATE OR REPLACE FUNCTION renkei_case_prefecture_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_themes SET prefecture_code = NEW.prefecture_code WHERE case_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_prefecture_changed AFTER UPDATE ON cases
  FOR EACH ROW WHEN (OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code)
  EXECUTE FUNCTION renkei_case_prefecture_changed();
--> statement-breakpoint

-- A company that moved to another prefecture takes its cases (and through them their themes) and activities along.
CREATE OR REPLACE FUNCTION renkei_company_prefecture_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET prefecture_code = NEW.prefecture_code WHERE company_id = NEW.id;
  UPDATE activities SET prefecture_code = NEW.prefecture_code WHERE company_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER companies_prefecture_changed AFTER UPDATE ON companies
  FOR EACH ROW WHEN (OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code)
  EXECUTE FUNCTION renkei_company_prefecture_changed();
--> statement-breakpoint

-- 2. company_support_years. The fiscal year of an instant: its JST calendar date, three months back.
CREATE OR REPLACE FUNCTION renkei_fiscal_year_of(at timestamptz) RETURNS smallint
LANGUAGE sql STABLE AS $$
  SELECT extract(year FROM (at AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::smallint
$$;
--> statement-breakpoint
-- Recomputes one company's row of one fiscal year from its activities (after an activity moved away or changed).
CREATE OR REPLACE FUNCTION renkei_refresh_company_support(p_company uuid, p_year smallint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  first_at timestamptz;
  first_prefecture smallint;
BEGIN
  SELECT a.occurred_at, a.prefecture_code INTO first_at, first_prefecture
  FROM activities a
  WHERE a.company_id = p_company
    AND a.occurred_at >= make_timestamptz(p_year, 4, 1, 0, 0, 0, 'Asia/Tokyo')
    AND a.occurred_at < make_timestamptz(p_year + 1, 4, 1, 0, 0, 0, 'Asia/Tokyo')
  ORDER BY a.occurred_at
  LIMIT 1;
  IF first_at IS NULL THEN
    DELETE FROM company_support_years WHERE fiscal_year = p_year AND company_id = p_company;
  ELSE
    INSERT INTO company_support_years (fiscal_year, company_id, prefecture_code, first_activity_at)
    VALUES (p_year, p_company, first_prefecture, first_at)
    ON CONFLICT (fiscal_year, company_id)
    DO UPDATE SET prefecture_code = EXCLUDED.prefecture_code, first_activity_at = EXCLUDED.first_activity_at;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renkei_activity_support_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- The common case, without reading other activities: the earlier of the stored and the new first activity.
    INSERT INTO company_support_years (fiscal_year, company_id, prefecture_code, first_activity_at)
    VALUES (renkei_fiscal_year_of(NEW.occurred_at), NEW.company_id, NEW.prefecture_code, NEW.occurred_at)
    ON CONFLICT (fiscal_year, company_id)
    DO UPDATE SET prefecture_code = EXCLUDED.prefecture_code,
                  first_activity_at = least(company_support_years.first_activity_at, EXCLUDED.first_activity_at);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.company_id IS NOT DISTINCT FROM NEW.company_id AND OLD.occurred_at IS NOT DISTINCT FROM NEW.occurred_at
       AND OLD.prefecture_code IS NOT DISTINCT FROM NEW.prefecture_code THEN
      RETURN NULL;
    END IF;
    PERFORM renkei_refresh_company_support(NEW.company_id, renkei_fiscal_year_of(NEW.occurred_at));
  END IF;
  -- UPDATE and DELETE: the row the activity left.
  PERFORM renkei_refresh_company_support(OLD.company_id, renkei_fiscal_year_of(OLD.occurred_at));
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Rows that existed before this migration.
UPDATE cases c SET prefecture_code = co.prefecture_code FROM companies co WHERE co.id = c.company_id;
--> statement-breakpoint
UPDATE activities a SET prefecture_code = co.prefecture_code FROM companies co WHERE co.id = a.company_id;
--> statement-breakpoint
INSERT INTO company_support_years (fiscal_year, company_id, prefecture_code, first_activity_at)
SELECT renkei_fiscal_year_of(a.occurred_at), a.company_id, min(a.prefecture_code), min(a.occurred_at)
FROM activities a GROUP BY 1, 2;
--> statement-breakpoint
-- From here on every activity keeps its company's row of its year up to date.
CREATE TRIGGER activities_support_changed AFTER INSERT OR UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION renkei_activity_support_changed();
--> statement-breakpoint

-- The column default (0) only satisfies NOT NULL until the trigger replaces it: a row stored with 0 would mean a
-- trigger did not run, and is refused.
ALTER TABLE cases ADD CONSTRAINT cases_prefecture_code_range CHECK (prefecture_code BETWEEN 1 AND 47);
--> statement-breakpoint
ALTER TABLE case_themes ADD CONSTRAINT case_themes_prefecture_code_range CHECK (prefecture_code BETWEEN 1 AND 47);
--> statement-breakpoint
ALTER TABLE activities ADD CONSTRAINT activities_prefecture_code_range CHECK (prefecture_code BETWEEN 1 AND 47);
