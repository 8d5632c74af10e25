-- Companies supported per fiscal year and prefecture (decision 013): the rows of company_support_years (decision
-- 012), counted as they come, go and move — in key order and at commit, like migration 0014's counts.

CREATE OR REPLACE FUNCTION renkei_count_company_support(p_year smallint, p_prefecture smallint, p_delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO company_support_counts AS c (fiscal_year, prefecture_code, count) VALUES (p_year, p_prefecture, p_delta)
  ON CONFLICT (fiscal_year, prefecture_code) DO UPDATE SET count = c.count + EXCLUDED.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renkei_company_support_counted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM renkei_count_company_support(NEW.fiscal_year, NEW.prefecture_code, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM renkei_count_company_support(OLD.fiscal_year, OLD.prefecture_code, -1);
  ELSIF (OLD.fiscal_year, OLD.prefecture_code) < (NEW.fiscal_year, NEW.prefecture_code) THEN
    PERFORM renkei_count_company_support(OLD.fiscal_year, OLD.prefecture_code, -1);
    PERFORM renkei_count_company_support(NEW.fiscal_year, NEW.prefecture_code, 1);
  ELSE
    PERFORM renkei_count_company_support(NEW.fiscal_year, NEW.prefecture_code, 1);
    PERFORM renkei_count_company_support(OLD.fiscal_year, OLD.prefecture_code, -1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER company_support_years_counted AFTER INSERT OR DELETE ON company_support_years
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION renkei_company_support_counted();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER company_support_years_recounted AFTER UPDATE ON company_support_years
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.fiscal_year IS DISTINCT FROM NEW.fiscal_year OR OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code)
  EXECUTE FUNCTION renkei_company_support_counted();
--> statement-breakpoint

-- The recount of migration 0014, with this count as well.
CREATE OR REPLACE FUNCTION renkei_recount_summaries() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM case_stage_counts;
  INSERT INTO case_stage_counts (prefecture_code, stage, count)
    SELECT prefecture_code, stage, count(*) FROM cases GROUP BY 1, 2;
  DELETE FROM case_theme_counts;
  INSERT INTO case_theme_counts (prefecture_code, theme_key, count)
    SELECT prefecture_code, theme_key, count(*) FROM case_themes GROUP BY 1, 2;
  DELETE FROM referral_counts;
  INSERT INTO referral_counts (from_org_id, to_org_id, status, count)
    SELECT from_org_id, to_org_id, status, count(*) FROM referrals GROUP BY 1, 2, 3;
  DELETE FROM company_support_counts;
  INSERT INTO company_support_counts (fiscal_year, prefecture_code, count)
    SELECT fiscal_year, prefecture_code, count(*) FROM company_support_years GROUP BY 1, 2;
$$;
--> statement-breakpoint
SELECT renkei_recount_summaries();
