/**
 * The demo accounts the seed creates (db/seed, `npm run db:seed -- --demo`) and the party home each one lands on,
 * plus the dedicated account that the lockout journey locks (created by scripts/e2e-server.ts, so that no demo
 * account is ever locked by a test run).
 */
export const DEMO_PASSWORD = "renkei-demo";

export type PartyHome = "home-admin" | "home-meti" | "home-inpit" | "home-jpaa" | "home-jcci";

export interface DemoAccount {
  email: string;
  label: string;
  home: PartyHome;
}

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@example.jp", label: "administrator (system organization)", home: "home-admin" },
  metiChubu: { email: "meti.chubu@example.jp", label: "METI manager, 中部経済産業局 知的財産室", home: "home-meti" },
  producerIshikawa: { email: "producer.ishikawa@example.jp", label: "METI business producer, 石川県", home: "home-meti" },
  inpitIshikawa: { email: "inpit.ishikawa@example.jp", label: "INPIT coordinator, 石川県", home: "home-inpit" },
  jpaaHokuriku: { email: "jpaa.hokuriku@example.jp", label: "JPAA coordinator, 日本弁理士会 北陸会", home: "home-jpaa" },
  jcciKanazawa: { email: "jcci.kanazawa@example.jp", label: "JCCI coordinator, 金沢商工会議所", home: "home-jcci" },
  inpitAomori: { email: "inpit.aomori@example.jp", label: "INPIT coordinator, 青森県", home: "home-inpit" },
  jcciKobe: { email: "jcci.kobe@example.jp", label: "JCCI manager, 神戸商工会議所", home: "home-jcci" },
  jpo: { email: "jpo@example.jp", label: "METI national-level manager, 特許庁 普及支援課", home: "home-meti" },
} as const satisfies Record<string, DemoAccount>;

/** Locked on purpose by e2e/sign-in-lockout.spec.ts; belongs to the same INPIT desk as inpit.ishikawa. */
export const LOCKOUT_ACCOUNT = {
  email: "lockout@example.test",
  name: "ロック 確認",
  role: "coordinator",
  password: "renkei-lockout-e2e",
  /** The organization is looked up from this demo user, so the name stays whatever the seed calls it. */
  sameOrganizationAs: DEMO_ACCOUNTS.inpitIshikawa.email,
} as const;
