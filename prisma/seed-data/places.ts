// The three demo municipalities (real codes and names, fictional mayors) and the places the demo people
// live or come from. Town names are real; every 番地 is generated and fictional.
import type { Prng } from "./prng";

export type MuniKey = "setagaya" | "matsumoto" | "obuse";
export const MUNI_KEYS: readonly MuniKey[] = ["setagaya", "matsumoto", "obuse"];

/** A town (町・大字) and how its addresses are written. */
type Town =
  | { style: "chome"; name: string; chome: number } // 太子堂二丁目14番3号
  | { style: "oaza"; name: string } // 大字小布施1234番地
  | { style: "banchi"; name: string }; // 豊科1234番地

export type MunicipalityDef = {
  key: MuniKey;
  slug: string;
  code: string;
  name: string;
  nameKana: string;
  prefecture: string;
  kind: "ward" | "city" | "town";
  mayorTitle: string;
  mayorName: string;
  /** Text of the 公印, e.g. 世田谷区長之印. */
  sealText: string;
  /** Address prefix, e.g. 東京都世田谷区 or 長野県上高井郡小布施町. */
  prefix: string;
  /** 出生地 as a 戸籍 writes it. */
  birthplace: string;
  towns: readonly Town[];
  residentTarget: number;
  settings: {
    taxYearsOffered: number;
    taxYearSwitchDate: string;
    nameMaxLength: number;
    addressMaxLength: number;
    excludeAdultWards: boolean;
    usableFromNextDay: boolean;
    commissionPerIssuance: number;
    registrationReviewDays: number;
  };
  /** Standard fee for 住民票, 記載事項, 印鑑 and 税 certificates. */
  basicFee: number;
};

export const MUNICIPALITIES: Record<MuniKey, MunicipalityDef> = {
  setagaya: {
    key: "setagaya",
    slug: "setagaya",
    code: "131121",
    name: "世田谷区",
    nameKana: "セタガヤク",
    prefecture: "東京都",
    kind: "ward",
    mayorTitle: "世田谷区長",
    mayorName: "高森 直人",
    sealText: "世田谷区長之印",
    prefix: "東京都世田谷区",
    birthplace: "東京都世田谷区",
    towns: [
      { style: "chome", name: "太子堂", chome: 5 },
      { style: "chome", name: "三軒茶屋", chome: 2 },
      { style: "chome", name: "下馬", chome: 6 },
      { style: "chome", name: "上馬", chome: 5 },
      { style: "chome", name: "駒沢", chome: 5 },
      { style: "chome", name: "用賀", chome: 4 },
      { style: "chome", name: "桜新町", chome: 2 },
      { style: "chome", name: "経堂", chome: 5 },
      { style: "chome", name: "成城", chome: 9 },
      { style: "chome", name: "北沢", chome: 5 },
      { style: "chome", name: "代沢", chome: 5 },
      { style: "chome", name: "若林", chome: 5 },
      { style: "chome", name: "松原", chome: 6 },
      { style: "chome", name: "玉川", chome: 4 },
      { style: "chome", name: "奥沢", chome: 8 },
      { style: "chome", name: "深沢", chome: 8 },
      { style: "chome", name: "等々力", chome: 8 },
      { style: "chome", name: "祖師谷", chome: 6 },
    ],
    residentTarget: 120,
    settings: {
      taxYearsOffered: 2,
      taxYearSwitchDate: "06-01",
      nameMaxLength: 40,
      addressMaxLength: 80,
      excludeAdultWards: false,
      usableFromNextDay: true,
      commissionPerIssuance: 117,
      registrationReviewDays: 5,
    },
    basicFee: 200,
  },
  matsumoto: {
    key: "matsumoto",
    slug: "matsumoto",
    code: "202029",
    name: "松本市",
    nameKana: "マツモトシ",
    prefecture: "長野県",
    kind: "city",
    mayorTitle: "松本市長",
    mayorName: "岩城 孝司",
    sealText: "松本市長之印",
    prefix: "長野県松本市",
    birthplace: "長野県松本市",
    towns: [
      { style: "chome", name: "中央", chome: 4 },
      { style: "chome", name: "大手", chome: 5 },
      { style: "chome", name: "深志", chome: 3 },
      { style: "chome", name: "城東", chome: 2 },
      { style: "chome", name: "本庄", chome: 2 },
      { style: "chome", name: "渚", chome: 4 },
      { style: "oaza", name: "島内" },
      { style: "oaza", name: "里山辺" },
      { style: "oaza", name: "笹賀" },
      { style: "oaza", name: "今井" },
      { style: "oaza", name: "島立" },
      { style: "oaza", name: "和田" },
    ],
    residentTarget: 70,
    settings: {
      taxYearsOffered: 2,
      taxYearSwitchDate: "06-01",
      nameMaxLength: 40,
      addressMaxLength: 80,
      excludeAdultWards: true,
      usableFromNextDay: true,
      commissionPerIssuance: 117,
      registrationReviewDays: 5,
    },
    basicFee: 150,
  },
  obuse: {
    key: "obuse",
    slug: "obuse",
    code: "205419",
    name: "小布施町",
    nameKana: "オブセマチ",
    prefecture: "長野県",
    kind: "town",
    mayorTitle: "小布施町長",
    mayorName: "栗田 正和",
    sealText: "小布施町長之印",
    prefix: "長野県上高井郡小布施町",
    birthplace: "長野県上高井郡小布施町",
    towns: [
      { style: "oaza", name: "小布施" },
      { style: "oaza", name: "雁田" },
      { style: "oaza", name: "飯田" },
      { style: "oaza", name: "中松" },
      { style: "oaza", name: "大島" },
      { style: "oaza", name: "都住" },
      { style: "oaza", name: "福原" },
      { style: "oaza", name: "六川" },
    ],
    residentTarget: 35,
    settings: {
      taxYearsOffered: 1,
      taxYearSwitchDate: "06-01",
      nameMaxLength: 20,
      addressMaxLength: 80,
      excludeAdultWards: false,
      usableFromNextDay: true,
      commissionPerIssuance: 110,
      registrationReviewDays: 7,
    },
    basicFee: 100,
  },
};

/** Places outside the three municipalities: previous addresses, 本籍 elsewhere, birthplaces. */
type OtherPlace = { prefix: string; birthplace: string; towns: readonly Town[] };

export const OTHER_PLACES: readonly OtherPlace[] = [
  { prefix: "神奈川県川崎市中原区", birthplace: "神奈川県川崎市", towns: [{ style: "chome", name: "小杉町", chome: 3 }, { style: "chome", name: "新丸子東", chome: 3 }] },
  { prefix: "東京都杉並区", birthplace: "東京都杉並区", towns: [{ style: "chome", name: "高円寺南", chome: 5 }, { style: "chome", name: "阿佐谷北", chome: 6 }] },
  { prefix: "東京都目黒区", birthplace: "東京都目黒区", towns: [{ style: "chome", name: "中目黒", chome: 5 }, { style: "chome", name: "自由が丘", chome: 3 }] },
  { prefix: "大阪府大阪市北区", birthplace: "大阪府大阪市", towns: [{ style: "chome", name: "扇町", chome: 2 }, { style: "chome", name: "天神橋", chome: 8 }] },
  { prefix: "愛知県名古屋市中区", birthplace: "愛知県名古屋市", towns: [{ style: "chome", name: "栄", chome: 5 }, { style: "chome", name: "大須", chome: 4 }] },
  { prefix: "宮城県仙台市青葉区", birthplace: "宮城県仙台市", towns: [{ style: "chome", name: "一番町", chome: 4 }] },
  { prefix: "福岡県福岡市博多区", birthplace: "福岡県福岡市", towns: [{ style: "chome", name: "博多駅前", chome: 4 }] },
  { prefix: "埼玉県さいたま市浦和区", birthplace: "埼玉県さいたま市", towns: [{ style: "chome", name: "高砂", chome: 4 }] },
  { prefix: "新潟県新潟市中央区", birthplace: "新潟県新潟市", towns: [{ style: "chome", name: "東大通", chome: 2 }] },
  { prefix: "長野県長野市", birthplace: "長野県長野市", towns: [{ style: "oaza", name: "鶴賀" }, { style: "oaza", name: "南長野" }] },
  { prefix: "長野県須坂市", birthplace: "長野県須坂市", towns: [{ style: "oaza", name: "須坂" }] },
  { prefix: "長野県安曇野市", birthplace: "長野県安曇野市", towns: [{ style: "banchi", name: "豊科" }, { style: "banchi", name: "穂高" }] },
];

const KANJI_DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1–99 in kanji (丁目 numbers): 1 → 一, 10 → 十, 12 → 十二, 20 → 二十. */
export function kanjiNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`kanjiNumber: ${n} out of range`);
  if (n < 10) return KANJI_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? "" : KANJI_DIGITS[tens]) + "十" + (ones ? KANJI_DIGITS[ones] : "");
}

/** A residence address (住所) in a town. */
function residenceAddress(prefix: string, town: Town, rng: Prng): string {
  switch (town.style) {
    case "chome":
      return `${prefix}${town.name}${kanjiNumber(rng.int(1, town.chome))}丁目${rng.int(1, 30)}番${rng.int(1, 25)}号`;
    case "oaza":
      return `${prefix}大字${town.name}${rng.int(100, 3200)}番地`;
    case "banchi":
      return `${prefix}${town.name}${rng.int(100, 5800)}番地`;
  }
}

/** A 本籍 (地番 form, no 号). */
function honsekiAddress(prefix: string, town: Town, rng: Prng): string {
  switch (town.style) {
    case "chome":
      return `${prefix}${town.name}${kanjiNumber(rng.int(1, town.chome))}丁目${rng.int(1, 40)}番地`;
    case "oaza":
      return `${prefix}大字${town.name}${rng.int(100, 3200)}番地`;
    case "banchi":
      return `${prefix}${town.name}${rng.int(100, 5800)}番地`;
  }
}

export function muniAddress(key: MuniKey, rng: Prng): string {
  const m = MUNICIPALITIES[key];
  return residenceAddress(m.prefix, rng.pick(m.towns), rng);
}

export function muniHonseki(key: MuniKey, rng: Prng): string {
  const m = MUNICIPALITIES[key];
  return honsekiAddress(m.prefix, rng.pick(m.towns), rng);
}

export function otherAddress(rng: Prng, exclude?: string): string {
  const candidates = OTHER_PLACES.filter((p) => p.prefix !== exclude);
  const place = rng.pick(candidates);
  return residenceAddress(place.prefix, rng.pick(place.towns), rng);
}

export function otherHonseki(rng: Prng): string {
  const place = rng.pick(OTHER_PLACES);
  return honsekiAddress(place.prefix, rng.pick(place.towns), rng);
}

export function otherBirthplace(rng: Prng): string {
  return rng.pick(OTHER_PLACES).birthplace;
}

/** The municipality a 本籍 or address text belongs to, if it is one of the three. */
export function muniOfAddress(address: string): MuniKey | null {
  for (const key of MUNI_KEYS) if (address.startsWith(MUNICIPALITIES[key].prefix)) return key;
  return null;
}
