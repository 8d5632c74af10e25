DROP INDEX "activities_case_id_occurred_at_index";--> statement-breakpoint
CREATE INDEX "activities_case_id_occurred_at_id_index" ON "activities" USING btree ("case_id","occurred_at","id");