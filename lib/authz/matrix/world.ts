import type { Db } from "@/db/client";
import {
  notifications,
  referralEvents,
  referrals,
  userRole,
  type Case,
  type Company,
  type CompanyContact,
  type Consent,
  type IpRight,
  type NextAction,
  type Organization,
  type ProducerTeam,
  type Referral,
  type UserRole,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { createFixtures, type Fixtures, type PartyKey } from "@/lib/test/fixtures";

/**
 * The seeded world of the authorization matrix (lib/authz/matrix.test.ts). Every role of every party gets an
 * actor; each party's organization owns one of everything an action can target — a company (and a second one
 * to merge), a case whose members are the organization's people, a consent, a contact, an IP right, a next
 * action, a confidential note, referrals in and out in the states each transition starts from, a notification
 * per person. Three organizations that are not the actors' own the same kinds of records, each linked to no
 * actor of the world (no membership, no team, no referral with an actor's organization):
 *   - "near": a neighbour in the actors' own prefecture (石川 17) — its companies are in the desks' and
 *     chambers' area, so a mistake that scopes cases by area rather than by organization shows here;
 *   - "block": an organization elsewhere in the actors' block (富山 16) — inside the bureau's block-wide view
 *     of companies, but its cases are open only to its own people;
 *   - "far": an organization in another block (熊本 43), outside every scope of the 中部 actors.
 * So for any actor and action there is a record that is the actor's own and records that are not theirs,
 * near and far.
 */

export const MATRIX_PARTIES = ["meti", "inpit", "jpaa", "jcci"] as const satisfies readonly PartyKey[];
export type MatrixParty = (typeof MATRIX_PARTIES)[number] | "system";
export const MATRIX_ROLES: readonly UserRole[] = userRole.enumValues;

export interface MatrixActor {
  /** e.g. `jpaa/manager`, `system/admin`: the test's name for the actor. */
  key: string;
  party: MatrixParty;
  role: UserRole;
  actor: Actor;
}

/** One organization's records: everything an action of the matrix can target. */
export interface OwnedRecords {
  org: Organization;
  /** Its coordinator: the lead of its case, the assignee of its next action. */
  coordinator: Actor;
  company: Company;
  /** A second company of the organization, merged into `company` by the merge action. */
  duplicate: Company;
  case: Case;
  consent: Consent;
  contact: CompanyContact;
  ipRight: IpRight;
  nextAction: NextAction;
  /** Received from the partner desk, in the states the receiver's transitions start from. */
  inbound: { sent: Referral; accepted: Referral; inProgress: Referral };
  /** Sent by the organization, in the states the sender's transitions start from. */
  outbound: { sent: Referral; accepted: Referral; logged: Referral };
}

export interface MatrixWorld {
  db: Db;
  fixtures: Fixtures;
  actors: MatrixActor[];
  /** The records of each party's organization (the system organization owns none). */
  owned: Record<(typeof MATRIX_PARTIES)[number], OwnedRecords>;
  /** An organization in another block with the same kinds of records, and its people. */
  far: OwnedRecords & { team: ProducerTeam };
  /** A neighbouring organization in the actors' own prefecture, with the same kinds of records. */
  near: OwnedRecords;
  /** An organization elsewhere in the actors' own block, with the same kinds of records. */
  block: OwnedRecords;
  /** The INPIT desk in 富山: the other side of the world's referrals, and a user and organization to administer. */
  partner: { org: Organization; coordinator: Actor };
  /** The producer team of 石川: every non-administrator of the world is a member. */
  team: ProducerTeam;
  /** Each person's own unread notification. */
  notificationOf: Map<string, string>;
}

async function loggedReferral(db: Db, from: Actor, company: Company, consent: Consent, code: string): Promise<Referral> {
  const [row] = await db
    .insert(referrals)
    .values({
      code,
      companyId: company.id,
      fromOrgId: from.orgId,
      fromUserId: from.userId,
      externalRecipient: "よろず支援拠点",
      followUpOn: "2099-01-01",
      service: "management_consultation",
      reason: "経営相談を勧めた",
      consentId: consent.id,
      status: "logged",
    })
    .returning();
  await db.insert(referralEvents).values({ referralId: row!.id, fromStatus: null, toStatus: "logged", actorUserId: from.userId });
  return row!;
}

/** The records one organization owns, its coordinator leading the case with `members` on it. */
async function seedOwnedRecords(
  f: Fixtures,
  db: Db,
  org: Organization,
  coordinator: Actor,
  members: Actor[],
  partner: { org: Organization; coordinator: Actor },
  prefecture: number,
  label: string,
): Promise<OwnedRecords> {
  const company = await f.company({ name: `株式会社${label}技研`, prefecture, createdBy: coordinator });
  const duplicate = await f.company({ name: `${label}技研（仮登録）`, prefecture, createdBy: coordinator });
  const kase = await f.case({ company, lead: coordinator, members, title: `${label}の支援案件`, stage: "assessment" });
  await f.confidentialNote(kase, coordinator, `${label}の未出願発明`);
  const consent = await f.consent(company, coordinator, { basicProfile: true, consultationSummary: true });
  const contact = await f.contact(company, `${label} 担当者`);
  const ipRight = await f.ipRight(company, { title: `${label}の特許`, status: "filed" });
  const nextAction = await f.nextAction(kase, coordinator, { title: `${label}の宿題`, dueOn: "2099-01-01" });
  const inbound = {
    sent: await f.referral({ from: partner.coordinator, to: org, company, case: kase, status: "sent" }),
    accepted: await f.referral({ from: partner.coordinator, to: org, company, case: kase, status: "accepted" }),
    inProgress: await f.referral({ from: partner.coordinator, to: org, company, case: kase, status: "in_progress" }),
  };
  const outbound = {
    sent: await f.referral({ from: coordinator, to: partner.org, company, case: kase, status: "sent", consent }),
    accepted: await f.referral({ from: coordinator, to: partner.org, company, case: kase, status: "accepted", consent }),
    logged: await loggedReferral(db, coordinator, company, consent, `MX-${label}-LOG`),
  };
  return { org, coordinator, company, duplicate, case: kase, consent, contact, ipRight, nextAction, inbound, outbound };
}

export async function buildMatrixWorld(db: Db): Promise<MatrixWorld> {
  const f = await createFixtures(db);
  const actors: MatrixActor[] = [];

  const partnerOrg = await f.organization({ party: "inpit", prefecture: 16, name: "INPIT 富山県知財総合支援窓口（相手方）" });
  const partner = { org: partnerOrg, coordinator: await f.user(partnerOrg, "coordinator", "富山 相手方") };

  const orgs = {} as Record<(typeof MATRIX_PARTIES)[number], Organization>;
  const people = {} as Record<(typeof MATRIX_PARTIES)[number], Partial<Record<UserRole, Actor>>>;
  for (const party of MATRIX_PARTIES) {
    orgs[party] = await f.organization({ party, prefecture: 17, bureau: party === "meti", name: `マトリクス ${party}` });
    people[party] = {};
    for (const role of MATRIX_ROLES) people[party][role] = await f.user(orgs[party], role, `${party} ${role}`);
  }
  const systemAdmin = await f.user(f.systemOrgId, "admin", "運営 管理者");

  const team = await f.team({
    lead: people.meti.producer!,
    members: MATRIX_PARTIES.flatMap((party) => MATRIX_ROLES.filter((r) => r !== "admin" && !(party === "meti" && r === "producer")).map((r) => people[party][r]!)),
    modelRegion: "ishikawa",
  });

  const owned = {} as MatrixWorld["owned"];
  for (const party of MATRIX_PARTIES) {
    const staff = MATRIX_ROLES.filter((r) => r !== "admin").map((r) => people[party][r]!);
    owned[party] = await seedOwnedRecords(f, db, orgs[party], people[party].coordinator!, staff, partner, 17, party.toUpperCase());
  }

  const farOrg = await f.organization({ party: "inpit", prefecture: 43, name: "INPIT 熊本県知財総合支援窓口（遠方）" });
  const farPartnerOrg = await f.organization({ party: "jpaa", prefecture: 43, name: "日本弁理士会 九州会（遠方）" });
  const farCoordinator = await f.user(farOrg, "coordinator", "熊本 支援員");
  const farPartner = { org: farPartnerOrg, coordinator: await f.user(farPartnerOrg, "coordinator", "九州 弁理士") };
  const farRecords = await seedOwnedRecords(f, db, farOrg, farCoordinator, [], farPartner, 43, "FAR");
  const farTeam = await f.team({ lead: await f.user(farOrg, "producer", "熊本 プロデューサー"), modelRegion: "kumamoto" });

  const nearOrg = await f.organization({ party: "jcci", prefecture: 17, name: "小松商工会議所（近隣）" });
  const near = await seedOwnedRecords(f, db, nearOrg, await f.user(nearOrg, "coordinator", "小松 経営指導員"), [], partner, 17, "NEAR");
  const blockOrg = await f.organization({ party: "jcci", prefecture: 16, name: "高岡商工会議所（同じブロック）" });
  const block = await seedOwnedRecords(f, db, blockOrg, await f.user(blockOrg, "coordinator", "高岡 経営指導員"), [], partner, 16, "BLOCK");

  // Reload everyone: team memberships are part of the actor.
  for (const party of MATRIX_PARTIES) {
    for (const role of MATRIX_ROLES) actors.push({ key: `${party}/${role}`, party, role, actor: await f.reload(people[party][role]!) });
  }
  actors.push({ key: "system/admin", party: "system", role: "admin", actor: systemAdmin });
  for (const party of MATRIX_PARTIES) owned[party].coordinator = await f.reload(owned[party].coordinator);

  const notificationOf = new Map<string, string>();
  for (const person of [...actors.map((a) => a.actor), farCoordinator]) {
    const [row] = await db
      .insert(notifications)
      .values({ userId: person.userId, kind: "referral.received", params: { code: "MX", companyName: "x", orgName: "x" } })
      .returning({ id: notifications.id });
    notificationOf.set(person.userId, row!.id);
  }

  return { db, fixtures: f, actors, owned, far: { ...farRecords, team: farTeam }, near, block, partner, team, notificationOf };
}

/** The party's records for an actor (the system organization owns none: administrators get the INPIT desk's as targets). */
export function ownedBy(world: MatrixWorld, actor: MatrixActor): OwnedRecords {
  return world.owned[actor.party === "system" ? "inpit" : actor.party];
}
