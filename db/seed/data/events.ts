/** The outreach event of the demo, and who came (DOMAIN.md: attendees can become discovery-stage cases). */
export const DEMO_EVENT = {
  name: "つながる特許庁 in 金沢",
  daysAgo: 75,
  city: "金沢市",
  prefectureCode: 17,
  venue: "石川県地場産業振興センター",
  organizer: "meti-chubu",
  attendeeCount: 86,
} as const;

/** Attendees: registered companies (and their case, when one came of it) and companies not registered yet. */
export const DEMO_EVENT_ATTENDEES: ReadonlyArray<{ company?: string; name?: string; case?: string }> = [
  { company: "kanazawa-robotics", case: "ishikawa-robotics" },
  { company: "hokuriku-softlab", case: "ishikawa-softlab" },
  { company: "saigawa-brewery" },
  { company: "hakko-lab" },
  { company: "kenroku-design" },
  { name: "株式会社金沢クラフト印刷" },
  { name: "株式会社白山テクノサービス" },
  { name: "有限会社片町フーズ" },
];
