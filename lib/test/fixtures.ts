import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  activities,
  activityParticipants,
  caseMembers,
  caseThemes,
  cases,
  companies,
  companyContacts,
  confidentialNotes,
  consents,
  ipRights,
  nextActions,
  organizations,
  outcomes,
  producerTeamMembers,
  producerTeams,
  referralEvents,
  referrals,
  users,
  type ActivityKind,
  type Case,
  type CaseStage,
  type Company,
  type Consent,
  type Organization,
  type ProducerTeam,
  type Referral,
  type ReferralStatus,
  type UserRole,
} from "@/db/schema";
import { PREFECTURES, SYSTEM_ORGANIZATION, modelRegionId, type ModelRegionKey, type ThemeKey } from "@/db/seed/data/reference";
import { seedReference } from "@/db/seed/reference";
import { loadActor, type Actor } from "@/lib/authz/actor";
import { normalizeCompanyName } from "@/lib/companies/normalize-name";

/**
 * A compact builder for integration tests: each test file states its world in a few lines —
 * organizations, users of each role and party, companies, cases with members, producer teams, referrals with
 * consents in given states, confidential notes — on a fresh database from lib/test/db.ts. Reference data
 * (parties, blocks, prefectures, themes, model regions, the system organization) comes from the real seed.
 * Users come back as loaded `Actor`s, the same objects the queries receive in production.
 */

export type PartyKey = "meti" | "inpit" | "jpaa" | "jcci";

export interface ConsentScopes {
  basicProfile?: boolean;
  consultationSummary?: boolean;
  confidentialNotes?: boolean;
}

const STATUS_PATH: Record<ReferralStatus, ReferralStatus[]> = {
  sent: ["sent"],
  accepted: ["sent", "accepted"],
  declined: ["sent", "declined"],
  in_progress: ["sent", "accepted", "in_progress"],
  completed: ["sent", "accepted", "in_progress", "completed"],
  withdrawn: ["sent", "withdrawn"],
  revoked: ["sent", "accepted", "revoked"],
  logged: ["logged"],
};

export async function createFixtures(db: Queryable) {
  await seedReference(db);
  let serial = 0;
  const next = () => (serial += 1);

  const blockOf = (prefecture: number) => {
    const found = PREFECTURES.find((p) => p.code === prefecture);
    if (!found) throw new Error(`no prefecture ${prefecture}`);
    return found.blockCode;
  };

  const fixtures = {
    db,
    /** The system organization of administrators, as the reference seed made it. */
    systemOrgId: SYSTEM_ORGANIZATION.id,

    /** A party's organization: a prefecture's desk, or with `bureau` the block-level body (経産局). */
    async organization(options: { party: PartyKey; prefecture: number; bureau?: boolean; name?: string }): Promise<Organization> {
      const [row] = await db
        .insert(organizations)
        .values({
          nameJa: options.name ?? `${options.party} ${options.prefecture} #${next()}`,
          partyKindKey: options.party,
          blockCode: blockOf(options.prefecture),
          prefectureCode: options.bureau ? null : options.prefecture,
        })
        .returning();
      return row!;
    },

    /** The national level of 経産局 (特許庁): a meti body with neither a block nor a prefecture. */
    async nationalBody(name = "特許庁 普及支援課"): Promise<Organization> {
      const [row] = await db.insert(organizations).values({ nameJa: name, partyKindKey: "meti", blockCode: null, prefectureCode: null }).returning();
      return row!;
    },

    /** A user of the organization, loaded as the Actor the server would build for them. */
    async user(organization: { id: string } | string, role: UserRole = "coordinator", name?: string): Promise<Actor> {
      const orgId = typeof organization === "string" ? organization : organization.id;
      const n = next();
      const [row] = await db
        .insert(users)
        .values({ email: `user${n}@example.jp`, name: name ?? `利用者 ${n}`, organizationId: orgId, role })
        .returning({ id: users.id });
      return fixtures.reload(row!.id);
    },

    /** Re-reads an actor (after a team membership or an organization change). */
    async reload(actor: Actor | string): Promise<Actor> {
      const id = typeof actor === "string" ? actor : actor.userId;
      const loaded = await loadActor(db, id);
      if (!loaded) throw new Error(`user ${id} is not active`);
      return loaded;
    },

    async deactivate(actor: Actor): Promise<void> {
      await db.update(users).set({ isActive: false }).where(eq(users.id, actor.userId));
    },

    async company(
      options: {
        name?: string;
        nameKana?: string;
        prefecture?: number;
        corporateNumber?: string;
        /** The organization (via its user) that registered the company. */
        createdBy?: Actor;
        mergedIntoId?: string;
      } = {},
    ): Promise<Company> {
      const name = options.name ?? `株式会社テスト${next()}`;
      const [row] = await db
        .insert(companies)
        .values({
          name,
          nameKana: options.nameKana,
          normalizedName: normalizeCompanyName(name),
          prefectureCode: options.prefecture ?? 17,
          corporateNumber: options.corporateNumber,
          isProvisional: !options.corporateNumber,
          createdByOrgId: options.createdBy?.orgId,
          createdByUserId: options.createdBy?.userId,
          mergedIntoId: options.mergedIntoId,
        })
        .returning();
      return row!;
    },

    async contact(company: Company, name = "連絡 太郎") {
      const [row] = await db.insert(companyContacts).values({ companyId: company.id, name, email: "contact@example.jp" }).returning();
      return row!;
    },

    async ipRight(company: Company, options: { title: string; status: (typeof ipRights.$inferInsert)["status"]; kind?: (typeof ipRights.$inferInsert)["kind"] }) {
      const [row] = await db
        .insert(ipRights)
        .values({ companyId: company.id, title: options.title, status: options.status, kind: options.kind ?? "patent" })
        .returning();
      return row!;
    },

    /** A producer team for a model region; its lead and members become team members. Reload their actors. */
    async team(options: { lead: Actor; members?: Actor[]; modelRegion?: ModelRegionKey; fiscalYear?: number }): Promise<ProducerTeam> {
      const [team] = await db
        .insert(producerTeams)
        .values({
          name: `プロデューサーチーム ${next()}`,
          modelRegionId: modelRegionId(options.modelRegion ?? "ishikawa"),
          fiscalYear: options.fiscalYear ?? 2025,
          leadUserId: options.lead.userId,
          organizationId: options.lead.orgId,
        })
        .returning();
      await db.insert(producerTeamMembers).values([
        { teamId: team!.id, userId: options.lead.userId, role: "lead" as const },
        ...(options.members ?? []).map((m) => ({ teamId: team!.id, userId: m.userId, role: "member" as const })),
      ]);
      return team!;
    },

    /** A case led by `lead` (a member), owned by the lead's organization unless `ownerOrgId` says otherwise. */
    async case(options: {
      company: Company;
      lead: Actor;
      members?: Actor[];
      ownerOrgId?: string;
      team?: ProducerTeam;
      stage?: CaseStage;
      themes?: ThemeKey[];
      title?: string;
      summary?: string;
      updatedAt?: Date;
    }): Promise<Case> {
      const n = next();
      const [row] = await db
        .insert(cases)
        .values({
          code: `T7-${String(n).padStart(5, "0")}`,
          companyId: options.company.id,
          title: options.title ?? `支援案件 ${n}`,
          summary: options.summary ?? "相談概要",
          stage: options.stage ?? "assessment",
          ownerOrgId: options.ownerOrgId ?? options.lead.orgId,
          producerTeamId: options.team?.id,
          leadUserId: options.lead.userId,
          openedOn: "2025-04-10",
          createdByUserId: options.lead.userId,
          ...(options.updatedAt ? { updatedAt: options.updatedAt } : {}),
        })
        .returning();
      const memberIds = [...new Set([options.lead.userId, ...(options.members ?? []).map((m) => m.userId)])];
      await db.insert(caseMembers).values(memberIds.map((userId) => ({ caseId: row!.id, userId })));
      if (options.themes?.length) {
        await db.insert(caseThemes).values(options.themes.map((themeKey) => ({ caseId: row!.id, themeKey })));
      }
      return row!;
    },

    async addCaseMember(kase: Case, member: Actor) {
      await db.insert(caseMembers).values({ caseId: kase.id, userId: member.userId });
    },

    async confidentialNote(kase: Case, author: Actor, body = "未出願の発明の構成(秘匿)") {
      const [row] = await db.insert(confidentialNotes).values({ caseId: kase.id, authorUserId: author.userId, body }).returning();
      return row!;
    },

    async activity(
      kase: Case,
      by: Actor,
      options: { summary?: string; occurredAt?: Date; kind?: ActivityKind; participants?: Actor[] } = {},
    ) {
      const [row] = await db
        .insert(activities)
        .values({
          caseId: kase.id,
          companyId: kase.companyId,
          organizationId: by.orgId,
          kind: options.kind ?? "visit",
          occurredAt: options.occurredAt ?? new Date(),
          summary: options.summary ?? "訪問して課題を整理した",
          createdByUserId: by.userId,
        })
        .returning();
      if (options.participants?.length) {
        await db.insert(activityParticipants).values(options.participants.map((p) => ({ activityId: row!.id, userId: p.userId })));
      }
      return row!;
    },

    async nextAction(kase: Case, assignee: Actor, options: { title?: string; dueOn?: string; completed?: boolean } = {}) {
      const [row] = await db
        .insert(nextActions)
        .values({
          caseId: kase.id,
          title: options.title ?? "先行技術調査の結果を共有する",
          assigneeUserId: assignee.userId,
          dueOn: options.dueOn ?? "2025-06-30",
          completedAt: options.completed ? new Date() : null,
          completedByUserId: options.completed ? assignee.userId : null,
        })
        .returning();
      return row!;
    },

    async outcome(kase: Case, options: { description?: string; achievedOn?: string } = {}) {
      const [row] = await db
        .insert(outcomes)
        .values({
          caseId: kase.id,
          companyId: kase.companyId,
          kind: "ip_filing",
          ipKind: "trademark",
          description: options.description ?? "商標出願",
          achievedOn: options.achievedOn ?? "2025-09-01",
        })
        .returning();
      return row!;
    },

    /** The company's consent, recorded by `by`; the basic profile is covered unless said otherwise. */
    async consent(company: Company, by: Actor, scopes: ConsentScopes = {}, revoked = false): Promise<Consent> {
      const [row] = await db
        .insert(consents)
        .values({
          companyId: company.id,
          obtainedOn: "2025-05-01",
          method: "written",
          scopeBasicProfile: scopes.basicProfile ?? true,
          scopeConsultationSummary: scopes.consultationSummary ?? false,
          scopeConfidentialNotes: scopes.confidentialNotes ?? false,
          givenBy: "代表取締役 企業 一郎",
          recordedByUserId: by.userId,
          organizationId: by.orgId,
          revokedAt: revoked ? new Date() : null,
        })
        .returning();
      return row!;
    },

    /**
     * A referral from `from`'s organization to `to` (an organization), in the given state, with its events
     * along the usual path to that state. `consent` is a recorded consent or the scopes of a new one.
     */
    async referral(options: {
      from: Actor;
      to: Organization | { id: string };
      company: Company;
      case?: Case;
      status?: ReferralStatus;
      consent?: Consent | ConsentScopes;
      sentAt?: Date;
    }): Promise<Referral> {
      const status = options.status ?? "sent";
      const consent =
        options.consent && "id" in options.consent
          ? options.consent
          : await fixtures.consent(options.company, options.from, options.consent ?? {});
      const sentAt = options.sentAt ?? new Date();
      const path = STATUS_PATH[status];
      const reached = (s: ReferralStatus) => (path.includes(s) ? new Date(sentAt.getTime() + 60_000 * path.indexOf(s)) : null);
      const n = next();
      const [row] = await db
        .insert(referrals)
        .values({
          code: `TR7-${String(n).padStart(5, "0")}`,
          companyId: options.company.id,
          caseId: options.case?.id,
          fromOrgId: options.from.orgId,
          fromUserId: options.from.userId,
          toOrgId: options.to.id,
          service: "prior_art_search",
          reason: "出願前の調査を依頼したい",
          handoverNotes: "訪問時の聞き取り内容",
          consentId: consent.id,
          status,
          sentAt,
          respondBy: "2025-06-10",
          acceptedAt: reached("accepted"),
          declinedAt: reached("declined"),
          declineReason: status === "declined" ? "担当可能な弁理士がいない" : null,
          startedAt: reached("in_progress"),
          completedAt: reached("completed"),
          outcomeFeedback: status === "completed" ? "調査報告を提出した" : null,
          withdrawnAt: reached("withdrawn"),
        })
        .returning();
      await db.insert(referralEvents).values(
        path.map((toStatus, i) => ({
          referralId: row!.id,
          fromStatus: i === 0 ? null : path[i - 1]!,
          toStatus,
          actorUserId: i === 0 ? options.from.userId : null,
          at: new Date(sentAt.getTime() + 60_000 * i),
        })),
      );
      return row!;
    },

    /** Moves a referral to another state (e.g. to see the same world before and after acceptance). */
    async setReferralStatus(referral: Referral, status: ReferralStatus) {
      await db.update(referrals).set({ status }).where(eq(referrals.id, referral.id));
    },

    async revokeConsent(consent: { id: string }) {
      await db.update(consents).set({ revokedAt: new Date() }).where(eq(consents.id, consent.id));
    },
  };
  return fixtures;
}

export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;

/**
 * The network most tests start from, in 中部 (石川 and 富山): the INPIT desks of both prefectures, the 中部
 * bureau, 弁理士会 北陸会, 金沢商工会議所, and an administrator — with one user per role that matters.
 */
export async function seedNetwork(f: Fixtures) {
  const orgs = {
    ishikawaInpit: await f.organization({ party: "inpit", prefecture: 17, name: "INPIT 石川県知財総合支援窓口" }),
    toyamaInpit: await f.organization({ party: "inpit", prefecture: 16, name: "INPIT 富山県知財総合支援窓口" }),
    chubuBureau: await f.organization({ party: "meti", prefecture: 17, bureau: true, name: "中部経済産業局 知的財産室" }),
    hokurikuJpaa: await f.organization({ party: "jpaa", prefecture: 17, name: "日本弁理士会 北陸会" }),
    kanazawaJcci: await f.organization({ party: "jcci", prefecture: 17, name: "金沢商工会議所" }),
  };
  const actors = {
    ishikawaCoordinator: await f.user(orgs.ishikawaInpit, "coordinator", "石川 支援員"),
    ishikawaColleague: await f.user(orgs.ishikawaInpit, "coordinator", "石川 同僚"),
    ishikawaManager: await f.user(orgs.ishikawaInpit, "manager", "石川 管理者"),
    toyamaCoordinator: await f.user(orgs.toyamaInpit, "coordinator", "富山 支援員"),
    bureauCoordinator: await f.user(orgs.chubuBureau, "coordinator", "中部局 担当"),
    bureauManager: await f.user(orgs.chubuBureau, "manager", "中部局 室長"),
    attorney: await f.user(orgs.hokurikuJpaa, "coordinator", "北陸 弁理士"),
    chamberAdvisor: await f.user(orgs.kanazawaJcci, "coordinator", "金沢 経営指導員"),
    admin: await f.user(f.systemOrgId, "admin", "運営 管理者"),
  };
  return { orgs, actors };
}
