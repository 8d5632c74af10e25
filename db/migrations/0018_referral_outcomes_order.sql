CREATE INDEX "referrals_completed_by_receiver" ON "referrals" USING btree ("to_org_id","completed_at","id") WHERE "referrals"."status" = 'completed';
