import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { modelRegions } from "./reference";
import { organizations } from "./organizations";
import { users } from "./users";
import { timestamps, version } from "./_shared";

/** プロデューサーチーム: a cross-party team for one model region and fiscal year, led by a 事業プロデューサー. */
export const producerTeams = pgTable(
  "producer_teams",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    modelRegionId: uuid()
      .notNull()
      .references(() => modelRegions.id),
    fiscalYear: integer().notNull(),
    leadUserId: uuid()
      .notNull()
      .references(() => users.id),
    /** The bureau that runs the team. */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    ...timestamps,
    ...version,
  },
  (t) => [uniqueIndex().on(t.modelRegionId, t.fiscalYear), index().on(t.leadUserId), index().on(t.organizationId)],
);
export type ProducerTeam = typeof producerTeams.$inferSelect;

export const teamMemberRole = pgEnum("team_member_role", ["lead", "member"]);

export const producerTeamMembers = pgTable(
  "producer_team_members",
  {
    teamId: uuid()
      .notNull()
      .references(() => producerTeams.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: teamMemberRole().notNull().default("member"),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index().on(t.userId)],
);
export type ProducerTeamMember = typeof producerTeamMembers.$inferSelect;
