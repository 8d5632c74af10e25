/**
 * Demo referrals (連携依頼) between the parties of each region, in every status of the lifecycle. Times are
 * in business days — before `today` for sending, after sending for each later step — so that "overdue"
 * (no answer 5 business days after sending) holds whatever day the demo is seeded on.
 */
import type { ReferralStatus } from "@/db/schema";
import type { DemoOrgKey } from "./organizations";
import type { DemoUserKey } from "./users";
import type { ReferralService } from "@/lib/referrals/services";

export interface DemoReferral {
  case: string;
  from: DemoUserKey;
  /**
   * A Renkei organization, or an outside body: the referral is then only logged, with a follow-up date
   * (days from today while it is open).
   */
  to: DemoOrgKey | { external: string; followUpInDays?: number };
  service: ReferralService;
  reason: string;
  urgency?: "normal" | "high" | "urgent";
  handoverNotes?: string;
  status: ReferralStatus;
  sentBusinessDaysAgo: number;
  consent: { method: "written" | "verbal" | "electronic"; summary: boolean; confidential: boolean };
  /** The receiving user who accepts or declines. */
  responder?: DemoUserKey;
  handler?: DemoUserKey;
  acceptedAfter?: number;
  startedAfter?: number;
  completedAfter?: number;
  declinedAfter?: number;
  declineReason?: string;
  outcomeFeedback?: string;
  withdrawnAfter?: number;
  withdrawReason?: string;
  /** Revocation by the sender's manager (who). */
  revokedBy?: DemoUserKey;
}

export const DEMO_REFERRALS: readonly DemoReferral[] = [
  // ── 石川県: 金沢商工会議所 → INPIT 石川, INPIT 石川 → 日本弁理士会 北陸会, … ─────────────
  {
    case: "ishikawa-noto-shiosai", from: "jcci-kanazawa", to: "inpit-ishikawa", service: "ip_consultation",
    reason: "巡回時に塩のブランド化について相談あり。GIと地域団体商標の違いを専門家から説明してほしいとの要望。",
    status: "accepted", sentBusinessDaysAgo: 14, acceptedAfter: 2, responder: "inpit-ishikawa", handler: "inpit-ishikawa",
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "ishikawa-ono-shoyu", from: "jcci-kanazawa-tanaka", to: "inpit-ishikawa", service: "ip_consultation",
    reason: "先代名義の商標権が残っており、承継に合わせて移転手続きを確認したい。", urgency: "high",
    status: "sent", sentBusinessDaysAgo: 8,
    consent: { method: "verbal", summary: true, confidential: false },
  },
  {
    case: "ishikawa-ataka", from: "inpit-ishikawa", to: "jpaa-hokuriku", service: "filing_support",
    reason: "改良発明（シール部の二重構造）の明細書作成と出願代理をお願いしたい。出願前のため取扱注意。",
    handoverNotes: "企業の同意により秘匿メモの共有まで可。図面は企業から直接受領してください。",
    status: "in_progress", sentBusinessDaysAgo: 42, acceptedAfter: 2, startedAfter: 5, responder: "jpaa-hokuriku", handler: "jpaa-hokuriku",
    consent: { method: "written", summary: true, confidential: true },
  },
  {
    case: "ishikawa-nonoichi", from: "inpit-ishikawa-sakamoto", to: "jpaa-hokuriku", service: "prior_art_search",
    reason: "カテーテル固定具の改良について、出願前に先行技術の有無を確認したい。",
    status: "sent", sentBusinessDaysAgo: 7,
    consent: { method: "electronic", summary: true, confidential: false },
  },
  {
    case: "ishikawa-kaga-seni", from: "inpit-ishikawa", to: "jpaa-hokuriku", service: "prior_art_search",
    reason: "撥水繊維の医療用途について権利化の可能性を見極めたい。",
    status: "completed", sentBusinessDaysAgo: 105, acceptedAfter: 2, startedAfter: 5, completedAfter: 28,
    responder: "jpaa-hokuriku", handler: "jpaa-hokuriku-mori",
    outcomeFeedback: "先行技術調査の結果、医療用途の用途発明として権利化の余地あり。請求項案を企業に提示済み。出願は当会の弁理士が代理予定。",
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "ishikawa-wajima", from: "inpit-ishikawa-sakamoto", to: "jpaa-hokuriku", service: "attorney_consultation",
    reason: "新作椀シリーズの意匠出願（関連意匠の活用を含む）について弁理士の助言がほしい。",
    status: "declined", sentBusinessDaysAgo: 28, declinedAfter: 3, responder: "jpaa-hokuriku",
    declineReason: "担当予定の弁理士が同業他社の代理人を務めており、利益相反のおそれがあるため。別の相談室への再依頼をお願いします。",
    consent: { method: "verbal", summary: false, confidential: false },
  },
  {
    case: "ishikawa-kaga-onsen", from: "jcci-kanazawa", to: "inpit-ishikawa", service: "anti_counterfeit",
    reason: "旅行商品名の無断使用について、対応の選択肢を知りたい。",
    status: "withdrawn", sentBusinessDaysAgo: 75, withdrawnAfter: 3,
    withdrawReason: "代表者交代のため、企業から相談を一旦見送りたいとの連絡があった。",
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "ishikawa-hakusan", from: "producer-ishikawa", to: "jcci-kanazawa", service: "overseas_expansion",
    reason: "東南アジアの取引先との契約に向け、貿易実務と契約書の相談先を紹介してほしい。",
    status: "in_progress", sentBusinessDaysAgo: 50, acceptedAfter: 1, startedAfter: 4, responder: "jcci-kanazawa", handler: "jcci-kanazawa-tanaka",
    consent: { method: "electronic", summary: true, confidential: false },
  },
  {
    case: "ishikawa-kutani", from: "inpit-ishikawa", to: { external: "石川県よろず支援拠点", followUpInDays: 7 }, service: "management_consultation",
    reason: "登録した意匠・商標を生かした販路開拓について、よろず支援拠点のコーディネーターを紹介した。",
    status: "logged", sentBusinessDaysAgo: 14,
    consent: { method: "verbal", summary: true, confidential: false },
  },
  {
    case: "ishikawa-kahoku", from: "producer-ishikawa", to: "jpaa-hokuriku", service: "attorney_consultation",
    reason: "ぶどう新品種の品種登録と品種名・商標の関係について弁理士の助言がほしい。",
    status: "revoked", sentBusinessDaysAgo: 36, acceptedAfter: 3, withdrawnAfter: 10, responder: "jpaa-hokuriku", revokedBy: "meti-chubu",
    withdrawReason: "企業から情報提供への同意を撤回する申し出があったため取消。",
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "ishikawa-nanao", from: "jcci-kanazawa-tanaka", to: "inpit-ishikawa", service: "attorney_consultation",
    reason: "新商品の名称を決めたので、商標出願の手続きを支援してほしい。",
    status: "completed", sentBusinessDaysAgo: 230, acceptedAfter: 1, startedAfter: 3, completedAfter: 45,
    responder: "inpit-ishikawa", handler: "inpit-ishikawa",
    outcomeFeedback: "商標2件を出願し、うち1件は登録済み。商工会議所の販路開拓支援と連携し、新パッケージに表示予定。",
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "ishikawa-softlab", from: "jcci-kanazawa", to: "inpit-ishikawa", service: "ip_consultation",
    reason: "「つながる特許庁 in 金沢」参加企業。サービス名の商標とソフトウェア特許について相談したい。",
    status: "sent", sentBusinessDaysAgo: 2,
    consent: { method: "electronic", summary: false, confidential: false },
  },
  // ── 青森県 ───────────────────────────────────────────────────────────────
  {
    case: "aomori-nebuta", from: "jcci-aomori", to: "inpit-aomori", service: "ip_consultation",
    reason: "ねぶた絵を使った土産物について、デザインの保護方法を相談したいとの要望。",
    status: "sent", sentBusinessDaysAgo: 1,
    consent: { method: "verbal", summary: true, confidential: false },
  },
  {
    case: "aomori-hachinohe", from: "inpit-aomori-kimura", to: "jpaa-tohoku", service: "filing_support",
    reason: "熟成工程のうち出願する部分について、明細書の作成を依頼したい。",
    status: "in_progress", sentBusinessDaysAgo: 55, acceptedAfter: 2, startedAfter: 6, responder: "jpaa-tohoku", handler: "jpaa-tohoku",
    consent: { method: "written", summary: true, confidential: true },
  },
  {
    case: "aomori-hirosaki-seiki", from: "inpit-aomori", to: "jpaa-tohoku", service: "filing_support",
    reason: "大学との共同研究成果について、共同出願の手続きを支援してほしい。",
    status: "completed", sentBusinessDaysAgo: 140, acceptedAfter: 1, startedAfter: 4, completedAfter: 35,
    responder: "jpaa-tohoku", handler: "jpaa-tohoku",
    outcomeFeedback: "共同出願契約の条項を確認のうえ特許出願を完了。今後の審査請求の時期は企業と大学で協議予定。",
    consent: { method: "written", summary: true, confidential: true },
  },
  {
    case: "aomori-michinoku", from: "jcci-aomori", to: "inpit-aomori", service: "attorney_consultation",
    reason: "アプリ名の商標と、自治体向け提供契約の知財条項について相談したい。",
    status: "accepted", sentBusinessDaysAgo: 20, acceptedAfter: 3, responder: "inpit-aomori-kimura", handler: "inpit-aomori-kimura",
    consent: { method: "electronic", summary: true, confidential: false },
  },
  {
    case: "aomori-mutsuwan", from: "producer-aomori", to: { external: "ジェトロ青森", followUpInDays: -3 }, service: "overseas_expansion",
    reason: "台湾・香港の輸入規制と現地パートナー探しについて、ジェトロ青森の相談窓口を紹介した。",
    status: "logged", sentBusinessDaysAgo: 30,
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "aomori-misawa", from: "inpit-aomori", to: "jpaa-tohoku", service: "attorney_consultation",
    reason: "難削材の高速加工方法について、出願すべきか営業秘密とすべきか弁理士の意見がほしい。",
    status: "sent", sentBusinessDaysAgo: 10,
    consent: { method: "written", summary: true, confidential: false },
  },
  // ── 神戸市 ───────────────────────────────────────────────────────────────
  {
    case: "kobe-nagata-shoes", from: "jcci-kobe-inoue", to: "inpit-hyogo", service: "anti_counterfeit",
    reason: "通販サイトで看板商品の模倣品が見つかった。意匠登録と削除要請の方法を相談したい。", urgency: "urgent",
    status: "completed", sentBusinessDaysAgo: 110, acceptedAfter: 1, startedAfter: 2, completedAfter: 40,
    responder: "inpit-hyogo", handler: "inpit-hyogo",
    outcomeFeedback: "意匠出願を行い、通販サイトへの削除要請で模倣品3件の出品停止を確認。引き続き伴走支援で監視を継続。",
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "kobe-porttech", from: "inpit-hyogo", to: "jpaa-kansai", service: "prior_art_search",
    reason: "配車最適化AIの特徴部分について先行技術を調べたい。",
    status: "declined", sentBusinessDaysAgo: 40, declinedAfter: 4, responder: "jpaa-kansai",
    declineReason: "依頼内容が出願代理に当たり、無料相談の範囲を超えるため。有料での代理をご希望の場合は個別に弁理士をご紹介します。",
    consent: { method: "electronic", summary: true, confidential: false },
  },
  {
    case: "kobe-rokko-beef", from: "jcci-kobe-inoue", to: "inpit-hyogo", service: "attorney_consultation",
    reason: "生産者グループでブランド名を守りたい。地域団体商標の要件を確認したい。",
    status: "sent", sentBusinessDaysAgo: 8,
    consent: { method: "verbal", summary: true, confidential: false },
  },
  {
    case: "kobe-meriken", from: "jcci-kobe", to: "inpit-hyogo", service: "attorney_consultation",
    reason: "新作アクセサリーの意匠登録について、関連意匠制度の使い方を含めて相談したい。",
    status: "accepted", sentBusinessDaysAgo: 17, acceptedAfter: 2, responder: "inpit-hyogo-ueda", handler: "inpit-hyogo-ueda",
    consent: { method: "written", summary: true, confidential: false },
  },
  {
    case: "kobe-seishin", from: "inpit-hyogo", to: { external: "兵庫県よろず支援拠点" }, service: "licensing",
    reason: "ライセンス先候補の探索について、よろず支援拠点のコーディネーターを紹介した。",
    status: "completed", sentBusinessDaysAgo: 200, completedAfter: 12,
    outcomeFeedback: "よろず支援拠点経由で県内メーカー2社を紹介され、うち1社と実施許諾契約の交渉に入った。",
    consent: { method: "verbal", summary: true, confidential: false },
  },
  {
    case: "kobe-poai-medical", from: "inpit-hyogo-ueda", to: "jpaa-kansai", service: "overseas_expansion",
    reason: "国内出願を基礎にしたPCT出願の時期と指定国の選び方を相談したい。",
    status: "in_progress", sentBusinessDaysAgo: 100, acceptedAfter: 2, startedAfter: 5, responder: "jpaa-kansai", handler: "jpaa-kansai",
    consent: { method: "written", summary: true, confidential: true },
  },
  {
    case: "kobe-mikage", from: "inpit-hyogo-ueda", to: "jpaa-kansai", service: "overseas_expansion",
    reason: "輸出先での銘柄名の商標出願について、出願ルートと費用の目安を知りたい。",
    status: "completed", sentBusinessDaysAgo: 170, acceptedAfter: 1, startedAfter: 3, completedAfter: 25,
    responder: "jpaa-kansai", handler: "jpaa-kansai",
    outcomeFeedback: "中国は直接出願、米国はマドプロでの出願を提案し、企業が採用。補助金の申請書類の確認も実施。",
    consent: { method: "written", summary: true, confidential: false },
  },
];
