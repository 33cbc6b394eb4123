// Japanese names for the demo population: (kanji, katakana reading) pairs. All people built from them are
// fictional. Given names are grouped by generation so that ages and names look plausible together.

export type NamePair = readonly [kanji: string, kana: string];

export const FAMILY_NAMES: readonly NamePair[] = [
  ["佐藤", "サトウ"], ["鈴木", "スズキ"], ["高橋", "タカハシ"], ["田中", "タナカ"], ["伊藤", "イトウ"],
  ["渡辺", "ワタナベ"], ["山本", "ヤマモト"], ["中村", "ナカムラ"], ["小林", "コバヤシ"], ["加藤", "カトウ"],
  ["吉田", "ヨシダ"], ["山田", "ヤマダ"], ["佐々木", "ササキ"], ["山口", "ヤマグチ"], ["松本", "マツモト"],
  ["井上", "イノウエ"], ["木村", "キムラ"], ["林", "ハヤシ"], ["斎藤", "サイトウ"], ["清水", "シミズ"],
  ["山崎", "ヤマザキ"], ["森", "モリ"], ["池田", "イケダ"], ["橋本", "ハシモト"], ["阿部", "アベ"],
  ["石川", "イシカワ"], ["山下", "ヤマシタ"], ["中島", "ナカジマ"], ["石井", "イシイ"], ["小川", "オガワ"],
  ["前田", "マエダ"], ["岡田", "オカダ"], ["長谷川", "ハセガワ"], ["藤田", "フジタ"], ["後藤", "ゴトウ"],
  ["近藤", "コンドウ"], ["村上", "ムラカミ"], ["遠藤", "エンドウ"], ["青木", "アオキ"], ["坂本", "サカモト"],
];

/** Names common in 長野県 (上條 and 百瀬 are typical of 松本), weighted up for the two Nagano municipalities. */
export const NAGANO_FAMILY_NAMES: readonly NamePair[] = [
  ["丸山", "マルヤマ"], ["宮沢", "ミヤザワ"], ["百瀬", "モモセ"], ["上條", "カミジョウ"], ["小池", "コイケ"],
  ["竹内", "タケウチ"], ["小松", "コマツ"], ["中澤", "ナカザワ"], ["宮坂", "ミヤサカ"], ["降旗", "フリハタ"],
  ["赤羽", "アカハネ"], ["市川", "イチカワ"],
];

export const MALE_GIVEN_NAMES = {
  /** born before 1960 */
  old: [
    ["茂", "シゲル"], ["博", "ヒロシ"], ["勇", "イサム"], ["修", "オサム"], ["清", "キヨシ"],
    ["正男", "マサオ"], ["昭", "アキラ"], ["義男", "ヨシオ"], ["武", "タケシ"], ["進", "ススム"],
    ["実", "ミノル"], ["和夫", "カズオ"], ["幸雄", "ユキオ"], ["正", "タダシ"], ["弘", "ヒロシ"],
  ],
  /** born 1960–1994 */
  mid: [
    ["健一", "ケンイチ"], ["達也", "タツヤ"], ["雄一", "ユウイチ"], ["秀樹", "ヒデキ"], ["直樹", "ナオキ"],
    ["和也", "カズヤ"], ["大輔", "ダイスケ"], ["拓也", "タクヤ"], ["健太", "ケンタ"], ["誠", "マコト"],
    ["隆", "タカシ"], ["浩", "ヒロシ"], ["智也", "トモヤ"], ["健二", "ケンジ"], ["俊介", "シュンスケ"],
    ["亮", "リョウ"], ["一郎", "イチロウ"], ["太郎", "タロウ"], ["哲也", "テツヤ"], ["剛", "ツヨシ"],
  ],
  /** born 1995 or later */
  young: [
    ["翔太", "ショウタ"], ["翼", "ツバサ"], ["蓮", "レン"], ["陽翔", "ハルト"], ["湊", "ミナト"],
    ["大翔", "ヒロト"], ["悠真", "ユウマ"], ["颯太", "ソウタ"], ["蒼", "ソウ"], ["樹", "イツキ"],
    ["悠人", "ユウト"], ["陸", "リク"], ["海斗", "カイト"], ["拓海", "タクミ"], ["大和", "ヤマト"],
  ],
} as const satisfies Record<string, readonly NamePair[]>;

export const FEMALE_GIVEN_NAMES = {
  old: [
    ["幸子", "サチコ"], ["和子", "カズコ"], ["節子", "セツコ"], ["洋子", "ヨウコ"], ["恵子", "ケイコ"],
    ["京子", "キョウコ"], ["久美子", "クミコ"], ["良子", "ヨシコ"], ["美智子", "ミチコ"], ["悦子", "エツコ"],
    ["静子", "シズコ"], ["文子", "フミコ"], ["順子", "ジュンコ"], ["千代子", "チヨコ"], ["登美子", "トミコ"],
  ],
  mid: [
    ["由美子", "ユミコ"], ["直美", "ナオミ"], ["智子", "トモコ"], ["裕子", "ユウコ"], ["真由美", "マユミ"],
    ["恵", "メグミ"], ["陽子", "ヨウコ"], ["美穂", "ミホ"], ["香織", "カオリ"], ["愛", "アイ"],
    ["麻衣", "マイ"], ["彩", "アヤ"], ["沙織", "サオリ"], ["明美", "アケミ"], ["早苗", "サナエ"],
    ["奈美", "ナミ"], ["千尋", "チヒロ"], ["晴美", "ハルミ"],
  ],
  young: [
    ["陽菜", "ヒナ"], ["結衣", "ユイ"], ["葵", "アオイ"], ["凛", "リン"], ["美咲", "ミサキ"],
    ["さくら", "サクラ"], ["結菜", "ユイナ"], ["芽依", "メイ"], ["紬", "ツムギ"], ["莉子", "リコ"],
    ["花", "ハナ"], ["美月", "ミツキ"], ["杏", "アン"], ["心春", "コハル"], ["楓", "カエデ"],
  ],
} as const satisfies Record<string, readonly NamePair[]>;

export function givenNamePool(sex: "male" | "female", birthYear: number): readonly NamePair[] {
  const table = sex === "male" ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES;
  if (birthYear < 1960) return table.old;
  if (birthYear < 1995) return table.mid;
  return table.young;
}

/** Katakana (with the long-vowel mark and the middle dot) only. */
export const KATAKANA = /^[\u30A1-\u30FA\u30FC\u30FB]+$/;

/** 続柄 in the 戸籍 by birth order: 長男, 二男, 三男 … (二男 is the official form, not 次男). */
export function kosekiChildRelationship(sex: "male" | "female", order: number): string {
  const prefix = ["長", "二", "三", "四", "五", "六", "七", "八", "九"][order - 1];
  if (!prefix) throw new Error(`birth order ${order} out of range`);
  return prefix + (sex === "male" ? "男" : "女");
}

export function fullName(familyName: string, givenName: string): string {
  return `${familyName} ${givenName}`;
}
