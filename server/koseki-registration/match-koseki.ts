// Automatic match of a 利用登録 application against the 本籍地's 戸籍 (本籍, 筆頭者, name, date of birth).
// Pure: the review screen shows each field side by side and highlights what differs; the clerk decides.
import "server-only";

export type MatchField = "honseki" | "kosekiHead" | "name" | "dateOfBirth";

export const MATCH_FIELD_LABELS: Record<MatchField, string> = { honseki: "本籍", kosekiHead: "筆頭者", name: "氏名", dateOfBirth: "生年月日" };

export type ApplicationFacts = { honseki: string; kosekiHeadName: string; familyName: string; givenName: string; dateOfBirth: string };
export type RecordFacts = { honseki: string; headFamilyName: string; headGivenName: string; familyName: string; givenName: string; dateOfBirth: string };

export type FieldComparison = { field: MatchField; applicant: string; record: string; matches: boolean };
export type MatchResult = { fields: FieldComparison[]; matched: number; complete: boolean };

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 七 → 7, 十二 → 12, 二百三 → 203, 一〇五 → 105 (place-value style). */
function kanjiNumber(s: string): number {
  if (!/[十百千]/.test(s)) return Number(Array.from(s, (c) => KANJI_DIGITS[c]).join(""));
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in KANJI_DIGITS) digit = KANJI_DIGITS[c];
    else {
      total += (digit || 1) * KANJI_UNITS[c];
      digit = 0;
    }
  }
  return total + digit;
}

/** Width, spaces, hyphen variants and kanji numerals do not make two addresses or names differ. */
export function normalizeForMatch(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[‐‑‒–—―ーｰ−]/g, "-")
    .replace(/[〇零一二三四五六七八九十百千]+/g, (m) => String(kanjiNumber(m)));
}

const PREFECTURE = /^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)/;
const stripPrefecture = (s: string) => s.replace(PREFECTURE, "");

export function sameHonseki(a: string, b: string): boolean {
  const na = normalizeForMatch(a);
  const nb = normalizeForMatch(b);
  return na === nb || stripPrefecture(na) === stripPrefecture(nb);
}

export function matchApplication(app: ApplicationFacts, rec: RecordFacts): MatchResult {
  const head = `${rec.headFamilyName} ${rec.headGivenName}`;
  const fields: FieldComparison[] = [
    { field: "honseki", applicant: app.honseki, record: rec.honseki, matches: sameHonseki(app.honseki, rec.honseki) },
    { field: "kosekiHead", applicant: app.kosekiHeadName, record: head, matches: normalizeForMatch(app.kosekiHeadName) === normalizeForMatch(head) },
    {
      field: "name",
      applicant: `${app.familyName} ${app.givenName}`,
      record: `${rec.familyName} ${rec.givenName}`,
      matches: normalizeForMatch(app.familyName + app.givenName) === normalizeForMatch(rec.familyName + rec.givenName),
    },
    { field: "dateOfBirth", applicant: app.dateOfBirth, record: rec.dateOfBirth, matches: app.dateOfBirth === rec.dateOfBirth },
  ];
  const matched = fields.filter((f) => f.matches).length;
  return { fields, matched, complete: matched === fields.length };
}
