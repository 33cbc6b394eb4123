import "server-only";
import { bindingKeywords } from "../pdf/document-model";
import type { IndependentSubject, SubjectPerson } from "./independent-subject";
import { readPrintedNames } from "./read-printed-names";

// The independent post-render self-check (docs/decisions/0010-independent-self-check.md): the text read
// back from the rendered bytes is compared with who MAY appear on this certificate, as re-derived from the
// card by independent-subject.ts — never with the document the same loaded data produced. Pure: no database.

export type SelfCheckFailure =
  | "no_pages"
  | "binding_mismatch"
  | "page_missing_issuance_no"
  | "page_missing_verification_code"
  | "foreign_issuance_no"
  | "subject_unresolved"
  | "no_person_printed"
  | "name_not_allowed"
  | "person_details_mismatch"
  | "requester_missing";

export type SubjectCheck = { ok: true } | { ok: false; failure: SelfCheckFailure };

/** What pdf.js read from the produced bytes (render-worker.ts). */
export type ReadBack = { pageCount: number; pageTexts: string[]; keywords: string };

/**
 * This request's binding: the issuance id, 発行番号 and 照合番号 allocated for it, and the digest written into
 * the PDF.
 */
export type ExpectedBinding = { issuanceId: string; issuanceNo: string; verificationCode: string; subjectDigest: string };

const squash = (s: string) => s.replace(/\s+/g, "");
const fail = (failure: SelfCheckFailure): SubjectCheck => ({ ok: false, failure });

/**
 * (c) Every page carries this request's 発行番号 with its own page n/m and its 照合番号 (what /verify is
 * asked with), no page carries another 発行番号, and the PDF's binding keywords name this issuance. (b) Every name printed where the templates print a person
 * belongs to the allowed set — with the date of birth, where the block prints one — and every 世帯主 / 筆頭者
 * printed is one the allowed people's records name. (a) The requester is printed, unless the request chose
 * members that leave them out; then at least one allowed person must be.
 */
export function checkPdfSubject(readBack: ReadBack, expected: ExpectedBinding, subject: IndependentSubject): SubjectCheck {
  const { pageCount, pageTexts } = readBack;
  if (pageCount < 1 || pageTexts.length !== pageCount) return fail("no_pages");
  if (readBack.keywords !== bindingKeywords(expected)) return fail("binding_mismatch");
  const no = squash(expected.issuanceNo);
  const code = `照合番号${squash(expected.verificationCode)}`;
  for (const [i, text] of pageTexts.entries()) {
    // The frame prints 「発行番号 <no>　<n> / <m>」 and 「照合番号 <code>」 in every page's header.
    if (!text.includes(`発行番号${no}${i + 1}/${pageCount}`)) return fail("page_missing_issuance_no");
    if (!text.includes(code)) return fail("page_missing_verification_code");
    for (let at = text.indexOf("発行番号"); at >= 0; at = text.indexOf("発行番号", at + 4)) {
      if (!text.startsWith(no, at + 4)) return fail("foreign_issuance_no");
    }
  }
  if (subject.unresolved) return fail("subject_unresolved");

  const persons = subject.persons.map((p) => ({ ...p, name: squash(p.name), givenName: squash(p.givenName), birth: squash(p.birth) }));
  const personNames = new Set(persons.map((p) => p.name));
  const headNames = new Set(subject.headNames.map(squash));
  const requesterIds = new Set(subject.requesterIds);
  let printed = 0;
  let requesterPrinted = false;
  for (const text of pageTexts) {
    for (const slot of readPrintedNames(text, subject.layout)) {
      switch (slot.kind) {
        case "person": {
          const named = persons.filter((p) => p.name === slot.name);
          if (!named.length) return fail("name_not_allowed");
          const matching = named.filter((p) => detailsMatch(subject.layout, p, slot.after));
          if (!matching.length) return fail("person_details_mismatch");
          printed++;
          if (matching.some((p) => requesterIds.has(p.id))) requesterPrinted = true;
          break;
        }
        case "household_head":
          // Empty when the household has no active head; otherwise one of the allowed household members.
          if (slot.name !== "" && !personNames.has(slot.name)) return fail("name_not_allowed");
          break;
        case "koseki_head":
          if (slot.name !== "" && !headNames.has(slot.name)) return fail("name_not_allowed");
          break;
        case "register_head":
          if (!headNames.has(slot.name)) return fail("name_not_allowed");
          break;
      }
    }
  }
  if (printed === 0) return fail("no_person_printed");
  if (!requesterPrinted && !subject.requesterMayBeAbsent) return fail("requester_missing");
  return { ok: true };
}

/**
 * The particulars printed right after the name must be this person's: on a resident certificate the
 * 生年月日 of the block (when the block prints one; a 記載事項証明書 may not), on a 戸籍 / 附票 the
 * 【名】 and 【生年月日】 that always follow the name (after the 「除籍」 mark of a removed member).
 */
function detailsMatch(layout: IndependentSubject["layout"], p: SubjectPerson, after: string): boolean {
  if (layout === "resident") {
    const at = after.indexOf("生年月日");
    return at < 0 || after.startsWith(p.birth, at + "生年月日".length);
  }
  const rest = after.startsWith("除籍") ? after.slice("除籍".length) : after;
  return rest.startsWith(`【名】${p.givenName}【生年月日】${p.birth}`);
}
