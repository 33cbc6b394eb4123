// The simulator's card wallet: the demo cards of docs/demo-data.md, as a resident would hold them.
// The simulator never reads the database; it only knows what is printed on these cards (the certificate
// serial and the residence municipality the centre learns from the card).
export type DemoCard = { serial: string; municipalityCode: string; label: string; note: string };

const c = (code: string, n: string, label: string, note: string): DemoCard => ({ serial: `JPKI-${code}-${n}`, municipalityCode: code, label, note });

export const DEMO_CARD_ISSUER = "JPKI";
/** Every demo card's PIN (利用者証明用電子証明書の暗証番号) in the simulator. */
export const DEMO_PIN = "1234";

export const DEMO_MUNICIPALITIES = [
  { code: "131121", name: "世田谷区" },
  { code: "202029", name: "松本市" },
  { code: "205419", name: "小布施町" },
] as const;

export const DEMO_WALLET: DemoCard[] = [
  c("131121", "000001", "長谷川 拓也", "5人世帯・すべて発行可"),
  c("131121", "000002", "NGUYEN VAN AN", "外国人住民"),
  c("131121", "000003", "井上 太郎", "本籍は松本市（利用登録済み）"),
  c("131121", "000004", "青木 凛", "本籍は小布施町（利用登録審査中）"),
  c("131121", "000005", "森 健二", "スマートフォン用電子証明書"),
  c("131121", "000006", "木村 亮", "本籍は松本市（利用登録不可・Web事前申請あり）"),
  c("131121", "000007", "小林 直樹", "本籍は小布施町（カード更新・再登録が必要）"),
  c("131121", "000009", "王 麗華", "外国人住民（通称あり）"),
  c("131121", "900001", "山田 千尋", "支援措置"),
  c("131121", "900002", "木村 心春", "転出予定"),
  c("131121", "900003", "木村 健二", "転出予定者のいる世帯"),
  c("131121", "900004", "藤田 大和", "転出済み"),
  c("131121", "900005", "林 清", "死亡"),
  c("131121", "900006", "長谷川 蓮", "15歳未満"),
  c("131121", "900007", "髙橋 勇", "外字登録中"),
  c("131121", "900008", "中島 大翔", "本日転入"),
  c("131121", "900009", "青木 蓮", "本日カード交付"),
  c("131121", "900010", "石井 剛", "本日暗証番号変更"),
  c("131121", "900011", "鈴木 和子", "電子証明書の期限切れ"),
  c("131121", "900012", "山崎 杏", "電子証明書の失効"),
  c("131121", "900013", "松本 一郎", "印鑑登録廃止"),
  c("131121", "900015", "桐山 修平", "同じ戸籍の妻が支援措置（戸籍の附票は不可）"),
  c("131121", "900016", "桐山 美咲", "支援措置（夫と同じ戸籍）"),
  c("202029", "000001", "小池 直樹", "3世代世帯"),
  c("202029", "000002", "李 明", "外国人住民（留学）"),
  c("202029", "900001", "丸山 悦子", "成年被後見人（松本市は対象外）"),
  c("205419", "000001", "宮沢 正男", "13人の戸籍"),
  c("205419", "000002", "遠藤 和也", "記載事項証明書の取扱いなし"),
  c("205419", "000003", "REYES ANA", "外国人住民（永住者）"),
  c("205419", "900001", "DOS SANTOS OLIVEIRA MARIA FERNANDA CRISTINA", "氏名の文字数超過"),
];
