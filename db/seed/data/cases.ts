/**
 * Demo cases (伴走支援案件): ~40, in every stage, across the three model regions. Dates are days before
 * `today`, so the demo always has recent work. Activities and next actions are generated from the templates
 * in ./activities.ts; what matters for a journey is written out here.
 */
import type { CaseStage } from "@/db/schema";
import type { RegionKey } from "./organizations";
import type { DemoOrgKey } from "./organizations";
import type { ThemeKey } from "./reference";
import type { DemoUserKey } from "./users";

export interface DemoOutcome {
  kind: "ip_filing" | "ip_registration" | "contract" | "license" | "funding";
  ipKind?: "patent" | "utility_model" | "design" | "trademark" | "plant_variety";
  amountYen?: number;
  description: string;
  daysAgo: number;
}

export interface DemoCase {
  key: string;
  region: RegionKey;
  company: string;
  title: string;
  summary: string;
  stage: CaseStage;
  owner: DemoOrgKey;
  lead: DemoUserKey;
  /** Besides the lead, who is always a member. */
  members: DemoUserKey[];
  /** Attached to the region's producer team of the current fiscal year. */
  team: boolean;
  themes: ThemeKey[];
  openedDaysAgo: number;
  source: string;
  pausedReason?: string;
  /** The stage a paused case had reached before it was paused (default: assessment). */
  pausedFrom?: CaseStage;
  confidentialNotes?: string[];
  outcomes?: DemoOutcome[];
}

/**
 * THE ISHIKAWA-ONLY CASE (db/seed/README.md): the oldest demo case, so its code is always R<n>-0001.
 * Owned by INPIT 石川, members 松本 (inpit.ishikawa) and 坂本 only, no producer team, no referral: neither
 * inpit.aomori nor jpaa.hokuriku may see it. The e2e journeys depend on this — keep it that way.
 */
export const ISHIKAWA_ONLY_CASE_KEY = "ishikawa-haku-patent";
export const ISHIKAWA_ONLY_CASE_TITLE = "金箔転写技術の特許出願準備";

export const DEMO_CASES: readonly DemoCase[] = [
  // ── 石川県 ───────────────────────────────────────────────────────────────
  {
    key: ISHIKAWA_ONLY_CASE_KEY, region: "ishikawa", company: "kanazawa-haku", title: ISHIKAWA_ONLY_CASE_TITLE,
    summary: "金箔を樹脂成形品へ転写する新工法について、出願前の秘密管理と特許出願の準備を伴走支援する。",
    stage: "accompanying", owner: "inpit-ishikawa", lead: "inpit-ishikawa", members: ["inpit-ishikawa-sakamoto"], team: false,
    themes: ["patent", "trade_secret"], openedDaysAgo: 420, source: "窓口相談",
    confidentialNotes: [
      "【出願前・口外厳禁】転写時の加熱温度を段階的に制御することで箔割れを防ぐ工程（温度条件の数値は企業内資料のみ）。展示会での公開予定があるため、公開前の出願が必要。",
      "試作品を取引先へ見せる前に秘密保持契約を締結するよう助言済み。新規性喪失の例外の適用は最後の手段として説明。",
    ],
  },
  {
    key: "ishikawa-kaga-seni", region: "ishikawa", company: "kaga-seni", title: "高機能繊維の用途特許とブランド戦略",
    summary: "撥水・防汚加工繊維の新用途について権利化を検討し、製品ブランドの商標戦略を併せて整理する。",
    stage: "accompanying", owner: "inpit-ishikawa", lead: "inpit-ishikawa", members: ["producer-ishikawa", "jpaa-hokuriku-mori"], team: true,
    themes: ["patent", "trademark_brand"], openedDaysAgo: 210, source: "事業プロデューサーの企業訪問",
    confidentialNotes: ["【出願前】医療用ガウンへの用途で試験データあり。請求項案は北陸会の弁理士と共有済み、企業外への開示は出願後まで控える。"],
  },
  {
    key: "ishikawa-wajima", region: "ishikawa", company: "wajima-shikki", title: "輪島塗の意匠登録と復興ブランド構築",
    summary: "新作椀シリーズの意匠登録と、産地復興を伝えるブランドの商標出願を計画する。",
    stage: "planning", owner: "inpit-ishikawa", lead: "inpit-ishikawa-sakamoto", members: ["producer-ishikawa", "jcci-kanazawa"], team: true,
    themes: ["design", "trademark_brand"], openedDaysAgo: 95, source: "商工会議所からの紹介",
  },
  {
    key: "ishikawa-hakusan", region: "ishikawa", company: "hakusan-seimitsu", title: "精密加工ノウハウの管理と海外展開",
    summary: "海外取引の拡大に向け、加工条件のノウハウを営業秘密として管理し、契約面の備えを整える。",
    stage: "accompanying", owner: "meti-chubu", lead: "producer-ishikawa", members: ["inpit-ishikawa", "jpaa-hokuriku-mori"], team: true,
    themes: ["trade_secret", "overseas"], openedDaysAgo: 180, source: "事業プロデューサーの企業訪問",
  },
  {
    key: "ishikawa-noto-shiosai", region: "ishikawa", company: "noto-shiosai", title: "揚げ浜式製塩の地域ブランド化（GI登録検討）",
    summary: "伝統製法の塩について、地理的表示（GI）と地域団体商標のどちらが適するかを整理する。",
    stage: "assessment", owner: "jcci-kanazawa", lead: "jcci-kanazawa", members: ["inpit-ishikawa"], team: true,
    themes: ["plant_variety_gi", "trademark_brand"], openedDaysAgo: 45, source: "経営指導員の巡回",
  },
  {
    key: "ishikawa-kutani", region: "ishikawa", company: "kutani-tobo", title: "九谷焼新シリーズの意匠・商標出願",
    summary: "若手作家との新シリーズについて、意匠登録とシリーズ名の商標登録を支援した。成果を確認中。",
    stage: "outcome_review", owner: "inpit-ishikawa", lead: "inpit-ishikawa", members: ["jcci-kanazawa-tanaka"], team: false,
    themes: ["design", "trademark_brand"], openedDaysAgo: 300, source: "窓口相談",
    outcomes: [
      { kind: "ip_registration", ipKind: "design", description: "豆皿シリーズの意匠登録", daysAgo: 40 },
      { kind: "ip_registration", ipKind: "trademark", description: "シリーズ名の商標登録（第21類）", daysAgo: 25 },
    ],
  },
  {
    key: "ishikawa-softlab", region: "ishikawa", company: "hokuriku-softlab", title: "業務SaaSの商標とソフトウェア特許の検討",
    summary: "自社SaaSのサービス名の商標調査と、独自機能の特許性について初期相談を行う。",
    stage: "discovery", owner: "jcci-kanazawa", lead: "jcci-kanazawa", members: [], team: false,
    themes: ["trademark_brand", "patent"], openedDaysAgo: 12, source: "つながる特許庁 in 金沢",
  },
  {
    key: "ishikawa-kahoku", region: "ishikawa", company: "kahoku-noen", title: "ぶどう新品種の品種登録と海外流出防止",
    summary: "自社育成のぶどう品種について品種登録出願と苗木の管理方法を計画する。",
    stage: "planning", owner: "meti-chubu", lead: "producer-ishikawa", members: ["inpit-ishikawa-sakamoto"], team: true,
    themes: ["plant_variety_gi", "overseas"], openedDaysAgo: 120, source: "事業プロデューサーの企業訪問",
  },
  {
    key: "ishikawa-ataka", region: "ishikawa", company: "ataka-kiko", title: "建機用油圧部品の特許ポートフォリオ構築",
    summary: "主力の油圧部品について改良発明を棚卸しし、出願とライセンスの方針を定めて出願を進める。",
    stage: "accompanying", owner: "inpit-ishikawa", lead: "inpit-ishikawa", members: ["producer-ishikawa", "jpaa-hokuriku-mori"], team: true,
    themes: ["patent", "licensing"], openedDaysAgo: 240, source: "事業プロデューサーの企業訪問",
    confidentialNotes: ["【出願前】シール部の二重構造による油漏れ低減の改良。社内試験で耐久性1.4倍。出願完了まで取引先への図面提供は保留。"],
  },
  {
    key: "ishikawa-nanao", region: "ishikawa", company: "nanao-kaisan", title: "能登の海産加工品の商標出願",
    summary: "新商品の名称について商標を出願し、登録を確認して支援を完了した。",
    stage: "closed", owner: "jcci-kanazawa", lead: "jcci-kanazawa-tanaka", members: ["inpit-ishikawa"], team: false,
    themes: ["trademark_brand"], openedDaysAgo: 380, source: "経営指導員の巡回",
    outcomes: [{ kind: "ip_registration", ipKind: "trademark", description: "干物ギフト商品名の商標登録（第29類）", daysAgo: 120 }],
  },
  {
    key: "ishikawa-kaga-onsen", region: "ishikawa", company: "kaga-onsen", title: "温泉地ブランドの模倣対策",
    summary: "旅行商品名の無断使用への対応と、自社ブランドの権利化を検討していた。",
    stage: "paused", owner: "jcci-kanazawa", lead: "jcci-kanazawa", members: [], team: false,
    themes: ["counterfeit", "trademark_brand"], openedDaysAgo: 160, source: "経営指導員の巡回",
    pausedReason: "代表者交代に伴い、新体制が固まるまで支援を一時中断（企業側の申し出）",
  },
  {
    key: "ishikawa-nonoichi", region: "ishikawa", company: "nonoichi-medical", title: "医療機器の改良発明の出願戦略",
    summary: "カテーテル固定具の改良について、大学病院との共同開発の成果の帰属と出願方針を整理する。",
    stage: "assessment", owner: "inpit-ishikawa", lead: "inpit-ishikawa-sakamoto", members: ["inpit-ishikawa"], team: true,
    themes: ["patent", "academia"], openedDaysAgo: 60, source: "窓口相談",
  },
  {
    key: "ishikawa-ono-shoyu", region: "ishikawa", company: "ono-shoyu", title: "醤油醸造の事業承継と商標権の整理",
    summary: "事業承継に合わせ、先代名義の商標権の移転と屋号の扱いを整理する。",
    stage: "assessment", owner: "jcci-kanazawa", lead: "jcci-kanazawa-tanaka", members: [], team: false,
    themes: ["succession", "trademark_brand"], openedDaysAgo: 30, source: "事業承継相談会",
  },
  {
    key: "ishikawa-tedorigawa", region: "ishikawa", company: "tedorigawa-textile", title: "テキスタイル新素材のライセンス契約",
    summary: "新素材の特許について県外メーカーとのライセンス契約締結を支援し、完了した。",
    stage: "closed", owner: "inpit-ishikawa", lead: "inpit-ishikawa", members: ["jpaa-hokuriku-mori"], team: false,
    themes: ["licensing", "patent"], openedDaysAgo: 360, source: "窓口相談",
    outcomes: [{ kind: "license", description: "県外アパレルメーカーとの通常実施権許諾契約（ランニングロイヤルティ3%）", daysAgo: 90 }],
  },
  {
    key: "ishikawa-robotics", region: "ishikawa", company: "kanazawa-robotics", title: "大学発技術の事業化と資金調達",
    summary: "大学の研究成果を用いた点検ロボットの事業化に向け、知財の帰属と資金調達の道筋を確認する。",
    stage: "discovery", owner: "meti-chubu", lead: "producer-ishikawa", members: ["inpit-ishikawa"], team: true,
    themes: ["startup", "academia", "financing"], openedDaysAgo: 18, source: "つながる特許庁 in 金沢",
  },
  {
    key: "ishikawa-yamanaka", region: "ishikawa", company: "yamanaka-shikko", title: "海外向け漆器ブランドの商標出願（マドプロ）",
    summary: "欧州向け新ブランドについてマドリッド協定議定書による国際登録出願を支援した。成果を確認中。",
    stage: "outcome_review", owner: "inpit-ishikawa", lead: "inpit-ishikawa-sakamoto", members: ["jpaa-hokuriku-mori", "producer-ishikawa"], team: true,
    themes: ["overseas", "trademark_brand"], openedDaysAgo: 270, source: "事業プロデューサーの企業訪問",
    outcomes: [
      { kind: "ip_filing", ipKind: "trademark", description: "欧州・米国を指定した国際商標登録出願（マドプロ）", daysAgo: 60 },
      { kind: "funding", amountYen: 1_200_000, description: "中小企業等海外出願・侵害対策支援事業費補助金の採択", daysAgo: 75 },
    ],
  },
  // ── 青森県 ───────────────────────────────────────────────────────────────
  {
    key: "aomori-tsugaru-apple", region: "aomori", company: "tsugaru-apple", title: "りんご加工品のブランド戦略と商標出願",
    summary: "シードルとドライフルーツの新ブランドについて、商標出願と品種名の使い方を整理する。",
    stage: "accompanying", owner: "inpit-aomori", lead: "inpit-aomori", members: ["producer-aomori", "jcci-aomori"], team: true,
    themes: ["trademark_brand", "plant_variety_gi"], openedDaysAgo: 200, source: "事業プロデューサーの企業訪問",
  },
  {
    key: "aomori-hachinohe", region: "aomori", company: "hachinohe-suisan", title: "水産加工の製法特許とノウハウ管理",
    summary: "しめさばの新しい熟成工程について、特許出願する部分と営業秘密として守る部分を切り分ける。",
    stage: "accompanying", owner: "inpit-aomori", lead: "inpit-aomori-kimura", members: ["inpit-aomori", "jpaa-tohoku"], team: true,
    themes: ["patent", "trade_secret"], openedDaysAgo: 230, source: "窓口相談",
  },
  {
    key: "aomori-nebuta", region: "aomori", company: "nebuta-kogei", title: "ねぶた意匠の権利関係の整理",
    summary: "ねぶた絵を用いた土産物のデザインについて、意匠と著作権の扱いを相談したい。",
    stage: "discovery", owner: "jcci-aomori", lead: "jcci-aomori", members: [], team: false,
    themes: ["design"], openedDaysAgo: 10, source: "経営指導員の巡回",
  },
  {
    key: "aomori-takko", region: "aomori", company: "takko-garlic", title: "にんにくの地域ブランド（GI）申請支援",
    summary: "生産者団体と連携し、地理的表示の登録申請に向けた産品の基準づくりを計画する。",
    stage: "planning", owner: "meti-tohoku", lead: "producer-aomori", members: ["inpit-aomori"], team: true,
    themes: ["plant_variety_gi", "trademark_brand"], openedDaysAgo: 110, source: "事業プロデューサーの企業訪問",
  },
  {
    key: "aomori-hirosaki-seiki", region: "aomori", company: "hirosaki-seiki", title: "精密部品の特許出願と大学との共同研究契約",
    summary: "弘前大学との共同研究成果について、共同出願契約と特許出願を支援した。成果を確認中。",
    stage: "outcome_review", owner: "inpit-aomori", lead: "inpit-aomori", members: ["jpaa-tohoku", "producer-aomori"], team: true,
    themes: ["patent", "academia"], openedDaysAgo: 320, source: "窓口相談",
    outcomes: [
      { kind: "contract", description: "大学との共同出願契約の締結", daysAgo: 160 },
      { kind: "ip_filing", ipKind: "patent", description: "微細穴加工用治具の特許出願（大学と共同）", daysAgo: 130 },
    ],
  },
  {
    key: "aomori-michinoku", region: "aomori", company: "michinoku-systems", title: "観光DXアプリの商標と契約整備",
    summary: "アプリ名の商標調査と、自治体向け提供契約の知財条項を確認する。",
    stage: "assessment", owner: "jcci-aomori", lead: "jcci-aomori", members: ["inpit-aomori-kimura"], team: false,
    themes: ["trademark_brand", "licensing"], openedDaysAgo: 50, source: "経営指導員の巡回",
  },
  {
    key: "aomori-tsugaru-nuri", region: "aomori", company: "tsugaru-nuri", title: "津軽塗の事業承継と技術の文書化",
    summary: "職人の技法を記録して営業秘密として管理し、後継者への承継を支援していた。",
    stage: "paused", owner: "inpit-aomori", lead: "inpit-aomori-kimura", members: [], team: false,
    themes: ["succession", "trade_secret"], openedDaysAgo: 150, source: "窓口相談",
    pausedReason: "後継者が決まるまで企業側で検討する期間として中断（半年後に再訪予定）", pausedFrom: "accompanying",
  },
  {
    key: "aomori-hakkoda", region: "aomori", company: "hakkoda-tourism", title: "ツアーブランドの商標調査",
    summary: "冬季ツアーの名称について先行商標の有無を確認したい。",
    stage: "discovery", owner: "inpit-aomori", lead: "inpit-aomori", members: [], team: false,
    themes: ["trademark_brand"], openedDaysAgo: 7, source: "窓口相談",
  },
  {
    key: "aomori-mutsuwan", region: "aomori", company: "mutsuwan-marine", title: "ホタテ加工品の海外展開と模倣対策",
    summary: "台湾・香港への輸出拡大に向け、現地での商標出願と模倣品の監視体制を整える。",
    stage: "accompanying", owner: "meti-tohoku", lead: "producer-aomori", members: ["inpit-aomori", "jcci-aomori"], team: true,
    themes: ["overseas", "counterfeit"], openedDaysAgo: 170, source: "事業プロデューサーの企業訪問",
  },
  {
    key: "aomori-misawa", region: "aomori", company: "misawa-aerotech", title: "航空部品加工技術の特許出願",
    summary: "難削材の高速加工方法について、出願の要否と出願範囲を弁理士と検討する。",
    stage: "planning", owner: "inpit-aomori", lead: "inpit-aomori", members: ["jpaa-tohoku"], team: true,
    themes: ["patent"], openedDaysAgo: 80, source: "窓口相談",
  },
  {
    key: "aomori-cassis", region: "aomori", company: "aomori-cassis", title: "カシス加工品の商標登録",
    summary: "カシスジャムの商品名を商標登録し、支援を完了した。",
    stage: "closed", owner: "inpit-aomori", lead: "inpit-aomori-kimura", members: ["jcci-aomori"], team: false,
    themes: ["trademark_brand"], openedDaysAgo: 390, source: "商工会議所からの紹介",
    outcomes: [{ kind: "ip_registration", ipKind: "trademark", description: "カシスジャム商品名の商標登録（第29類）", daysAgo: 150 }],
  },
  {
    key: "aomori-shimokita", region: "aomori", company: "shimokita-bio", title: "バイオ素材の特許出願と資金調達",
    summary: "海藻由来の新素材について、特許出願と知財を評価材料にした資金調達を検討する。",
    stage: "assessment", owner: "meti-tohoku", lead: "producer-aomori", members: ["inpit-aomori-kimura"], team: true,
    themes: ["patent", "financing", "startup"], openedDaysAgo: 40, source: "事業プロデューサーの企業訪問",
  },
  // ── 神戸市 ───────────────────────────────────────────────────────────────
  {
    key: "kobe-nagata-shoes", region: "kobe", company: "nagata-shoes", title: "ケミカルシューズの意匠と模倣品対策",
    summary: "看板商品のデザインの意匠登録と、通販サイトでの模倣品への対応を伴走支援する。",
    stage: "accompanying", owner: "inpit-hyogo", lead: "inpit-hyogo", members: ["producer-kobe", "jcci-kobe-inoue"], team: true,
    themes: ["design", "counterfeit"], openedDaysAgo: 190, source: "商工会議所からの紹介",
  },
  {
    key: "kobe-mikage", region: "kobe", company: "mikage-kuramoto", title: "日本酒ブランドの海外商標出願",
    summary: "輸出先の国々で銘柄名の商標を確保し、補助金を活用して出願費用を抑えた。成果を確認中。",
    stage: "outcome_review", owner: "inpit-hyogo", lead: "inpit-hyogo-ueda", members: ["jpaa-kansai", "producer-kobe"], team: true,
    themes: ["overseas", "trademark_brand"], openedDaysAgo: 280, source: "事業プロデューサーの企業訪問",
    outcomes: [
      { kind: "ip_filing", ipKind: "trademark", description: "中国・米国への銘柄名の商標出願", daysAgo: 100 },
      { kind: "funding", amountYen: 1_500_000, description: "海外出願費用の補助金採択", daysAgo: 120 },
    ],
  },
  {
    key: "kobe-porttech", region: "kobe", company: "kobe-porttech", title: "物流AIの特許出願戦略",
    summary: "港湾物流の配車最適化AIについて、出願する発明と公開する技術の線引きを計画する。",
    stage: "planning", owner: "meti-kinki", lead: "producer-kobe", members: ["inpit-hyogo"], team: true,
    themes: ["patent", "startup"], openedDaysAgo: 100, source: "事業プロデューサーの企業訪問",
  },
  {
    key: "kobe-poai-medical", region: "kobe", company: "poai-medical", title: "医療機器の国際出願と大学連携",
    summary: "内視鏡用デバイスのPCT出願と、共同研究先の大学との権利関係の整理を伴走支援する。",
    stage: "accompanying", owner: "meti-kinki", lead: "producer-kobe", members: ["inpit-hyogo-ueda", "jpaa-kansai"], team: true,
    themes: ["patent", "academia", "overseas"], openedDaysAgo: 250, source: "事業プロデューサーの企業訪問",
  },
  {
    key: "kobe-kitano", region: "kobe", company: "kitano-patisserie", title: "洋菓子ブランドの商標管理",
    summary: "店名と看板商品の商標を整理し、更新管理の仕組みを整えて支援を完了した。",
    stage: "closed", owner: "jcci-kobe", lead: "jcci-kobe-inoue", members: ["inpit-hyogo"], team: false,
    themes: ["trademark_brand"], openedDaysAgo: 370, source: "経営指導員の巡回",
    outcomes: [{ kind: "ip_registration", ipKind: "trademark", description: "看板商品名の商標登録（第30類）", daysAgo: 140 }],
  },
  {
    key: "kobe-akashi", region: "kobe", company: "akashi-seiko", title: "工作機械部品の技術流出防止",
    summary: "退職者による技術流出の懸念があり、営業秘密管理規程と秘密保持契約を見直したい。",
    stage: "assessment", owner: "inpit-hyogo", lead: "inpit-hyogo", members: [], team: false,
    themes: ["trade_secret"], openedDaysAgo: 35, source: "窓口相談",
  },
  {
    key: "kobe-rokko-beef", region: "kobe", company: "rokko-beef", title: "ブランド牛肉の地域団体商標",
    summary: "生産者グループでのブランド名の地域団体商標について相談したい。",
    stage: "discovery", owner: "jcci-kobe", lead: "jcci-kobe-inoue", members: [], team: false,
    themes: ["plant_variety_gi", "trademark_brand"], openedDaysAgo: 25, source: "経営指導員の巡回",
  },
  {
    key: "kobe-meriken", region: "kobe", company: "meriken-pearl", title: "真珠アクセサリーの意匠登録",
    summary: "新作アクセサリーの意匠登録と、関連意匠制度の活用を計画する。",
    stage: "planning", owner: "jcci-kobe", lead: "jcci-kobe", members: ["inpit-hyogo-ueda"], team: true,
    themes: ["design"], openedDaysAgo: 90, source: "経営指導員の巡回",
  },
  {
    key: "kobe-suma-robotics", region: "kobe", company: "suma-robotics", title: "ロボット制御ソフトの特許と出資契約",
    summary: "資金調達を控え、制御ソフトの特許出願と出資契約の知財条項を確認したい。",
    stage: "discovery", owner: "inpit-hyogo", lead: "inpit-hyogo-ueda", members: [], team: true,
    themes: ["startup", "patent", "financing"], openedDaysAgo: 9, source: "窓口相談",
  },
  {
    key: "kobe-seishin", region: "kobe", company: "seishin-plastic", title: "樹脂成形技術のライセンス",
    summary: "保有特許の樹脂成形技術を他社へライセンスする契約の締結を支援し、完了した。",
    stage: "closed", owner: "inpit-hyogo", lead: "inpit-hyogo", members: ["jpaa-kansai"], team: false,
    themes: ["licensing"], openedDaysAgo: 340, source: "窓口相談",
    outcomes: [{ kind: "license", description: "県内メーカーへの特許実施許諾契約", daysAgo: 200 }],
  },
  {
    key: "kobe-arima", region: "kobe", company: "arima-yukemuri", title: "温泉旅館ブランドの模倣対策",
    summary: "旅館名に類似した名称の宿泊施設への対応を相談していた。",
    stage: "paused", owner: "jcci-kobe", lead: "jcci-kobe", members: [], team: false,
    themes: ["counterfeit"], openedDaysAgo: 130, source: "経営指導員の巡回",
    pausedReason: "繁忙期で企業側の対応が難しいため中断。来年度に再開予定。",
  },
  {
    key: "kobe-hyogo-gomu", region: "kobe", company: "hyogo-gomu", title: "ゴム製品の新用途特許と知財金融",
    summary: "防振ゴムの新用途を特許出願し、知財ビジネス評価書を活用した融資につなげた。成果を確認中。",
    stage: "outcome_review", owner: "inpit-hyogo", lead: "inpit-hyogo-ueda", members: ["producer-kobe"], team: true,
    themes: ["patent", "financing"], openedDaysAgo: 260, source: "窓口相談",
    outcomes: [
      { kind: "ip_filing", ipKind: "patent", description: "防振ゴムの新用途（鉄道車両向け）の特許出願", daysAgo: 110 },
      { kind: "funding", amountYen: 30_000_000, description: "知財ビジネス評価書を活用した地方銀行からの融資", daysAgo: 45 },
    ],
  },
];
