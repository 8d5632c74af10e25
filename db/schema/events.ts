import { date, index, integer, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
import { prefectures } from "./reference";
import { organizations } from "./organizations";
import { companies } from "./companies";
import { cases } from "./cases";
import { timestamps } from "./_shared";

/** Outreach events such as 「つながる特許庁」: they bring in companies that have not noticed their IP yet. */
export const outreachEvents = pgTable(
  "outreach_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    heldOn: date().notNull(),
    city: text().notNull(),
    prefectureCode: smallint()
      .notNull()
      .references(() => prefectures.code),
    venue: text(),
    organizerOrgId: uuid().references(() => organizations.id),
    attendeeCount: integer(),
    ...timestamps,
  },
  (t) => [index().on(t.heldOn), index().on(t.prefectureCode)],
);
export type OutreachEvent = typeof outreachEvents.$inferSelect;

/** An attendee company; it may become a discovery-stage case. */
export const eventAttendees = pgTable(
  "event_attendees",
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => outreachEvents.id),
    companyId: uuid().references(() => companies.id),
    companyName: text().notNull(),
    caseId: uuid().references(() => cases.id),
    ...timestamps,
  },
  (t) => [index().on(t.eventId), index().on(t.companyId)],
);
