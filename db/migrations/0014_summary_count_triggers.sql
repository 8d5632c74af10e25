-- Running counts for the 経産局 home (decision 013): cases per prefecture × stage, case themes per prefecture ×
-- theme, referrals per sender × receiver × status. Kept here, by the database, on every insert, update and delete
-- of the counted rows — whatever statement made it (an action, a merge, a company moving, a cascade) — and never
-- written by the application.
--
-- Each count moves by an upsert on its key. An update that moves a row between two keys touches the two counts in
-- key order, so two transactions moving rows between the same keys in opposite directions never wait on each
-- other in a cycle. The triggers are deferred constraint triggers: the counts move when the transaction commits,
-- so a count row is locked only for the commit — two people accepting referrals between the same two
-- organizations, or opening cases in the same prefecture, do not wait for each other's whole transaction.

CREATE OR REPLACE FUNCTION renkei_count_case_stage(p_prefecture smallint, p_stage case_stage, p_delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO case_stage_counts AS c (prefecture_code, stage, count) VALUES (p_prefecture, p_stage, p_delta)
  ON CONFLICT (prefecture_code, stage) DO UPDATE SET count = c.count + EXCLUDED.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renkei_cases_counted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM renkei_count_case_stage(NEW.prefecture_code, NEW.stage, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM renkei_count_case_stage(OLD.prefecture_code, OLD.stage, -1);
  ELSIF (OLD.prefecture_code, OLD.stage) < (NEW.prefecture_code, NEW.stage) THEN
    PERFORM renkei_count_case_stage(OLD.prefecture_code, OLD.stage, -1);
    PERFORM renkei_count_case_stage(NEW.prefecture_code, NEW.stage, 1);
  ELSE
    PERFORM renkei_count_case_stage(NEW.prefecture_code, NEW.stage, 1);
    PERFORM renkei_count_case_stage(OLD.prefecture_code, OLD.stage, -1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER cases_counted AFTER INSERT OR DELETE ON cases
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION renkei_cases_counted();
--> statement-breakpoint
-- Not "UPDATE OF": the prefecture is set by a BEFORE trigger (migration 0008), which that filter does not see.
CREATE CONSTRAINT TRIGGER cases_recounted AFTER UPDATE ON cases
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code OR OLD.stage IS DISTINCT FROM NEW.stage)
  EXECUTE FUNCTION renkei_cases_counted();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION renkei_count_case_theme(p_prefecture smallint, p_theme text, p_delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO case_theme_counts AS c (prefecture_code, theme_key, count) VALUES (p_prefecture, p_theme, p_delta)
  ON CONFLICT (prefecture_code, theme_key) DO UPDATE SET count = c.count + EXCLUDED.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renkei_case_themes_counted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM renkei_count_case_theme(NEW.prefecture_code, NEW.theme_key, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM renkei_count_case_theme(OLD.prefecture_code, OLD.theme_key, -1);
  ELSIF (OLD.prefecture_code, OLD.theme_key) < (NEW.prefecture_code, NEW.theme_key) THEN
    PERFORM renkei_count_case_theme(OLD.prefecture_code, OLD.theme_key, -1);
    PERFORM renkei_count_case_theme(NEW.prefecture_code, NEW.theme_key, 1);
  ELSE
    PERFORM renkei_count_case_theme(NEW.prefecture_code, NEW.theme_key, 1);
    PERFORM renkei_count_case_theme(OLD.prefecture_code, OLD.theme_key, -1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER case_themes_counted AFTER INSERT OR DELETE ON case_themes
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION renkei_case_themes_counted();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER case_themes_recounted AFTER UPDATE ON case_themes
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code OR OLD.theme_key IS DISTINCT FROM NEW.theme_key)
  EXECUTE FUNCTION renkei_case_themes_counted();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION renkei_count_referral(p_from uuid, p_to uuid, p_status referral_status, p_delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO referral_counts AS c (from_org_id, to_org_id, status, count) VALUES (p_from, p_to, p_status, p_delta)
  ON CONFLICT ON CONSTRAINT referral_counts_key DO UPDATE SET count = c.count + EXCLUDED.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renkei_referrals_counted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  nobody constant uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM renkei_count_referral(NEW.from_org_id, NEW.to_org_id, NEW.status, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM renkei_count_referral(OLD.from_org_id, OLD.to_org_id, OLD.status, -1);
  -- A receiver outside Renkei (null) compares as the zero uuid, so that the order is always decided.
  ELSIF (OLD.from_org_id, coalesce(OLD.to_org_id, nobody), OLD.status) < (NEW.from_org_id, coalesce(NEW.to_org_id, nobody), NEW.status) THEN
    PERFORM renkei_count_referral(OLD.from_org_id, OLD.to_org_id, OLD.status, -1);
    PERFORM renkei_count_referral(NEW.from_org_id, NEW.to_org_id, NEW.status, 1);
  ELSE
    PERFORM renkei_count_referral(NEW.from_org_id, NEW.to_org_id, NEW.status, 1);
    PERFORM renkei_count_referral(OLD.from_org_id, OLD.to_org_id, OLD.status, -1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER referrals_counted AFTER INSERT OR DELETE ON referrals
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION renkei_referrals_counted();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER referrals_recounted AFTER UPDATE ON referrals
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.from_org_id IS DISTINCT FROM NEW.from_org_id OR OLD.to_org_id IS DISTINCT FROM NEW.to_org_id
                     OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION renkei_referrals_counted();
--> statement-breakpoint

-- All three counts from the rows themselves: for the rows that existed before this migration, and after a bulk load
-- that ran with the triggers off (npm run seed:scale). Not for use while the application writes.
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
$$;
--> statement-breakpoint
SELECT renkei_recount_summaries();
