-- The running counts of migrations 0014 and 0016 move at commit instead of at each statement (decision 013): a
-- count row is then locked only while its transaction commits, not from the statement that changed a counted
-- row until the end of the transaction — two people accepting referrals between the same two organizations, or
-- opening cases in the same prefecture, no longer wait for each other's whole transaction. Same functions, same
-- conditions; deferred constraint triggers see the row as the statement left it.

DROP TRIGGER cases_counted ON cases;
--> statement-breakpoint
DROP TRIGGER cases_recounted ON cases;
--> statement-breakpoint
DROP TRIGGER case_themes_counted ON case_themes;
--> statement-breakpoint
DROP TRIGGER case_themes_recounted ON case_themes;
--> statement-breakpoint
DROP TRIGGER referrals_counted ON referrals;
--> statement-breakpoint
DROP TRIGGER referrals_recounted ON referrals;
--> statement-breakpoint
DROP TRIGGER company_support_years_counted ON company_support_years;
--> statement-breakpoint
DROP TRIGGER company_support_years_recounted ON company_support_years;
--> statement-breakpoint

CREATE CONSTRAINT TRIGGER cases_counted AFTER INSERT OR DELETE ON cases
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION renkei_cases_counted();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER cases_recounted AFTER UPDATE ON cases
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code OR OLD.stage IS DISTINCT FROM NEW.stage)
  EXECUTE FUNCTION renkei_cases_counted();
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
CREATE CONSTRAINT TRIGGER company_support_years_counted AFTER INSERT OR DELETE ON company_support_years
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION renkei_company_support_counted();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER company_support_years_recounted AFTER UPDATE ON company_support_years
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.fiscal_year IS DISTINCT FROM NEW.fiscal_year OR OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code)
  EXECUTE FUNCTION renkei_company_support_counted();
