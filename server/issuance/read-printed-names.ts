import "server-only";

// Finds where the certificate templates (server/pdf/templates/*) print a person's name in the text pdf.js
// extracted from the bytes (whitespace removed, so "氏名　山川 一郎" reads "氏名山川一郎"), and reads each name
// up to the label that follows it. The post-render self-check (check-pdf-subject.ts) then decides whether
// each name belongs to someone who may appear on this certificate. Reading fails closed: a label with an
// unexpected value gives a value no person has, so the check refuses rather than guesses.
//
// A template change that moves or renames these labels must change this file too; the positive issuance
// tests (every certificate type issues for the right person) fail otherwise.

/** "resident": 住民票, 記載事項証明書, 印鑑登録証明書, 税証明. "koseki": 戸籍 (全部・個人, any register) and 附票. */
export type NameLayout = "resident" | "koseki";

export type PrintedName =
  /** A person the certificate is about; `after` is the text from the end of the name up to the next person. */
  | { kind: "person"; name: string; after: string }
  /** 世帯主 of a 住民票 (header, or an item of a 記載事項証明書). */
  | { kind: "household_head"; name: string }
  /** 筆頭者 printed with 本籍 on a 住民票. */
  | { kind: "koseki_head"; name: string }
  /** 氏名 in the header of a 戸籍 or 附票: the register's 筆頭者. */
  | { kind: "register_head"; name: string };

/** Every label the resident templates print (person fields, header rows, seal and tax particulars). */
const RESIDENT_LABELS = [
  "氏名",
  "フリガナ",
  "通称",
  "生年月日",
  "性別",
  "続柄",
  "住民となった日",
  "住所を定めた日",
  "住所",
  "届出日",
  "前住所",
  "本籍",
  "筆頭者",
  "個人番号",
  "国籍・地域",
  "在留資格",
  "在留期間等の満了の日",
  "在留カード等の番号",
  "世帯主",
  "登録番号",
  "以下余白",
];

const KOSEKI_PERSON_LABELS = ["戸籍に記録されている者", "附票に記録されている者"];
/** What follows a member's name: the 「除籍」 mark or the first 【label】. */
const KOSEKI_PERSON_END = ["除籍", "【"];
/** What follows the 筆頭者 under 本籍 in the header. */
const KOSEKI_HEAD_END = ["戸籍事項", ...KOSEKI_PERSON_LABELS, "以下余白"];

type Slot = { kind: PrintedName["kind"]; label: string; at: number };

function occurrences(text: string, label: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(label); i >= 0; i = text.indexOf(label, i + label.length)) out.push(i);
  return out;
}

/** Index of the earliest of `labels` at or after `from`, or the end of the text. */
function nextOf(text: string, labels: readonly string[], from: number): number {
  let end = text.length;
  for (const l of labels) {
    const i = text.indexOf(l, from);
    if (i >= 0 && i < end) end = i;
  }
  return end;
}

function residentSlots(text: string): Slot[] {
  return [
    ...occurrences(text, "氏名").map((at) => ({ kind: "person" as const, label: "氏名", at })),
    // 「続柄世帯主」 is a relationship value (the head's own 続柄, or 世帯主の母 …), not the 世帯主 row.
    ...occurrences(text, "世帯主")
      .filter((at) => !(at >= 2 && text.startsWith("続柄", at - 2)))
      .map((at) => ({ kind: "household_head" as const, label: "世帯主", at })),
    ...occurrences(text, "筆頭者").map((at) => ({ kind: "koseki_head" as const, label: "筆頭者", at })),
  ];
}

function kosekiSlots(text: string): Slot[] {
  return [
    ...KOSEKI_PERSON_LABELS.flatMap((label) => occurrences(text, label).map((at) => ({ kind: "person" as const, label, at }))),
    // 【配偶者氏名】 and other bracketed labels inside 身分事項 name people outside the register by design
    // (a spouse's former name, parents); the header's 氏名 is never followed by 】.
    ...occurrences(text, "氏名")
      .filter((at) => text[at + 2] !== "】")
      .map((at) => ({ kind: "register_head" as const, label: "氏名", at })),
  ];
}

/** The names printed on one page, in page order. */
export function readPrintedNames(pageText: string, layout: NameLayout): PrintedName[] {
  const slots = (layout === "resident" ? residentSlots(pageText) : kosekiSlots(pageText)).sort((a, b) => a.at - b.at);
  const personStarts = slots.filter((s) => s.kind === "person").map((s) => s.at);
  const out: PrintedName[] = [];
  for (const s of slots) {
    const start = s.at + s.label.length;
    const ends = layout === "resident" ? RESIDENT_LABELS : s.kind === "person" ? KOSEKI_PERSON_END : KOSEKI_HEAD_END;
    const end = nextOf(pageText, ends, start);
    const name = pageText.slice(start, end);
    if (s.kind === "person") {
      // The person's block runs to the next person or to 以下余白 (the end of the certificate's body).
      const nextPerson = personStarts.find((p) => p > s.at) ?? pageText.length;
      const blank = pageText.indexOf("以下余白", end);
      out.push({ kind: "person", name, after: pageText.slice(end, blank >= 0 && blank < nextPerson ? blank : nextPerson) });
    } else {
      out.push({ kind: s.kind, name });
    }
  }
  return out;
}
