/**
 * Templates for the generated part of the demo: activity summaries (支援記録) and next actions (次のアクション).
 * A summary is a kind's sentence around a theme's topic, e.g. 「代表者と面談。先行技術調査の進め方を説明した。」
 */
import type { ActivityKind } from "@/db/schema";
import type { ThemeKey } from "./reference";

export const THEME_TOPICS: Record<ThemeKey, readonly string[]> = {
  trademark_brand: [
    "商品名の先行商標をJ-PlatPatで確認し、類似の登録がないことを共有した",
    "指定商品・役務と区分の選び方を説明し、出願する区分を絞り込んだ",
    "ブランドの使い方（ロゴ・表記ゆれ）を社内で統一する方針を確認した",
  ],
  patent: [
    "発明の特徴を整理し、先行技術調査の進め方を説明した",
    "出願前の公開（展示会・SNS）に注意するよう新規性喪失のリスクを説明した",
    "請求項の広さと実施形態の書き方について弁理士の意見を共有した",
  ],
  design: [
    "新商品のデザインについて意匠登録の要否と出願時期を検討した",
    "関連意匠制度を使ってシリーズ全体を保護する方法を説明した",
    "デザイン経営の考え方を紹介し、商品企画の段階から知財を意識する体制を話し合った",
  ],
  trade_secret: [
    "製造ノウハウの棚卸しを行い、秘密として管理する情報を特定した",
    "営業秘密管理規程の雛形を紹介し、アクセス権限の見直しを提案した",
    "取引先との秘密保持契約の条項を確認した",
  ],
  licensing: [
    "保有特許の活用先候補を洗い出し、ライセンスの条件を整理した",
    "実施許諾契約書の案を確認し、ロイヤルティの算定方法を説明した",
    "共同開発の成果の帰属について契約上の注意点を共有した",
  ],
  overseas: [
    "輸出先国での商標出願の必要性と出願ルート（直接出願・マドプロ）を説明した",
    "海外出願の補助金制度を紹介し、申請スケジュールを確認した",
    "現地での模倣品リスクと事前の権利取得の重要性を共有した",
  ],
  plant_variety_gi: [
    "地理的表示（GI）と地域団体商標の違いを説明し、適する制度を検討した",
    "品種登録の要件と、苗木の管理による海外流出防止策を確認した",
    "生産者団体での産品の基準（生産方法・地域）の決め方を話し合った",
  ],
  counterfeit: [
    "通販サイトで見つかった模倣品の状況を確認し、削除要請の手順を説明した",
    "税関での輸入差止めの制度を紹介した",
    "模倣品対策に必要な権利（商標・意匠）の取得状況を確認した",
  ],
  succession: [
    "事業承継に伴う知的財産権の名義変更の手続きを説明した",
    "職人の技術やノウハウを文書化して引き継ぐ方法を検討した",
    "後継者候補を交えて知財の棚卸しを行った",
  ],
  financing: [
    "知財ビジネス評価書を活用した金融機関への説明方法を紹介した",
    "補助金の公募要領を確認し、申請書の知財に関する記載を助言した",
    "事業計画と知財戦略の関係を整理し、出資者への説明資料を確認した",
  ],
  academia: [
    "大学との共同研究契約における知財の帰属と実施条件を確認した",
    "大学の産学連携窓口との打合せに同席し、論文発表と出願の順序を調整した",
    "共同出願の費用負担と持分について論点を整理した",
  ],
  startup: [
    "事業計画に沿って、取得すべき知財の優先順位を整理した",
    "出資契約の知財条項（権利の帰属・表明保証）を確認した",
    "スタートアップ向けの知財支援施策（IPAS等）を紹介した",
  ],
};

export const KIND_TEMPLATES: Record<Exclude<ActivityKind, "other">, readonly string[]> = {
  visit: ["事業所を訪問し、代表者と面談。{topic}。", "工場を見学したうえで担当者と打合せ。{topic}。"],
  meeting: ["企業担当者と打合せ。{topic}。", "支援機関と企業の三者で打合せ。{topic}。"],
  online_meeting: ["オンラインで打合せ。{topic}。", "Web会議で進捗を確認。{topic}。"],
  call: ["電話で進捗を確認。{topic}。", "担当者から電話で相談あり。{topic}。"],
  email: ["メールで資料を送付。{topic}。", "メールで質問に回答。{topic}。"],
  consultation: ["窓口で相談対応。{topic}。", "知財総合支援窓口で相談対応。{topic}。"],
  seminar: ["知財セミナーに参加いただき、個別相談を実施。{topic}。"],
  expert_dispatch: ["専門家（弁理士）を派遣。{topic}。", "専門家を派遣し、現地で助言。{topic}。"],
};

/** How long each kind of activity usually takes, in minutes (min, max); e-mails have no duration. */
export const KIND_DURATIONS: Record<Exclude<ActivityKind, "other">, readonly [number, number] | null> = {
  visit: [60, 120],
  meeting: [45, 90],
  online_meeting: [30, 60],
  call: [10, 30],
  email: null,
  consultation: [45, 90],
  seminar: [90, 150],
  expert_dispatch: [90, 180],
};

/** Kinds in rough proportion to how often they happen. */
export const KIND_WEIGHTS: ReadonlyArray<readonly [Exclude<ActivityKind, "other">, number]> = [
  ["visit", 4],
  ["meeting", 3],
  ["online_meeting", 2],
  ["call", 3],
  ["email", 2],
  ["consultation", 3],
  ["seminar", 1],
  ["expert_dispatch", 1],
];

export const NEXT_ACTION_TITLES: Record<ThemeKey, readonly string[]> = {
  trademark_brand: ["商標調査の結果を企業へ報告", "出願区分の案を作成して送付", "ロゴの使用ルール案を確認"],
  patent: ["先行技術調査の結果を共有", "発明提案書の記入を企業に依頼", "弁理士との面談日程を調整"],
  design: ["意匠出願する図面の準備状況を確認", "関連意匠の出願方針を企業と確認"],
  trade_secret: ["営業秘密管理規程の案を送付", "秘密保持契約書の雛形を提供"],
  licensing: ["ライセンス契約書案へのコメントを返送", "ライセンス先候補リストを作成"],
  overseas: ["海外出願補助金の申請書を確認", "輸出先の商標調査を依頼"],
  plant_variety_gi: ["GI申請の産品基準案を確認", "品種登録の出願書類を確認"],
  counterfeit: ["模倣品の出品状況を再確認", "削除要請の文案を作成"],
  succession: ["商標権の名義変更書類を確認", "技術伝承マニュアルの目次案を作成"],
  financing: ["知財ビジネス評価書の申込書を送付", "補助金申請書の知財部分を確認"],
  academia: ["共同研究契約の知財条項を確認", "大学の産学連携窓口と日程調整"],
  startup: ["知財戦略の優先順位表を送付", "出資契約書の知財条項を確認"],
};
