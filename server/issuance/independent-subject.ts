import "server-only";
import { isKosekiType, type CertificateTypeId } from "@/lib/certificate-types";
import { printedDate } from "../certificates/person-format";
import type { Tx } from "../db";
import type { KosekiMember } from "../generated/prisma/client";
import type { NameLayout } from "./read-printed-names";

// Who MAY appear on a certificate, re-derived from the card mapping (CardCertificate issuer+serial →
// resident) inside the issuing transaction, for the post-render self-check (check-pdf-subject.ts,
// docs/decisions/0010-independent-self-check.md). Deliberately written apart from the eligibility loader
// and the certificate builders: it takes nothing they produced (except, for a closed register, the record
// id the issuance printed, which is re-verified here), so a loader or builder that picked the wrong person
// is caught rather than repeated.

export type KosekiRegisterKind = "current" | "joseki" | "kaisei_genkoseki";

export type SubjectPerson = {
  /** Resident id (resident certificates) or KosekiMember id (戸籍, 附票). */
  id: string;
  /** Family and given name (whitespace is ignored by the comparison). */
  name: string;
  givenName: string;
  /** Date of birth as the certificates print it (和暦; 西暦 for a foreign resident's 住民票). */
  birth: string;
};

export type IndependentSubject = {
  layout: NameLayout;
  /** A code when no subject could be established (the check then fails); null otherwise. */
  unresolved: string | null;
  /** Everyone who may be printed as a person on this certificate. */
  persons: SubjectPerson[];
  /** The cardholder's own entries among `persons` (one, normally). */
  requesterIds: string[];
  /** The request itself leaves the requester out (chosen members, a 附票 entry without lines). */
  requesterMayBeAbsent: boolean;
  /** 筆頭者 names that may be printed: the allowed residents' own 筆頭者 (住民票), or the register's (戸籍, 附票). */
  headNames: string[];
};

export type SubjectRequest = {
  card: { issuer: string; serial: string };
  municipalityCode: string;
  certificateType: CertificateTypeId;
  options: { members?: "all" | string[]; register?: KosekiRegisterKind };
  /**
   * 除籍 / 改製原戸籍 only: the closed register the issuance printed. Accepted only if the cardholder's entry
   * in their current register is linked to an entry of it (see linkedEntries).
   */
  closedRecordId?: string | null;
};

const RESIDENCE_TYPES: readonly CertificateTypeId[] = ["residence", "residence-entry"];

function unresolved(layout: NameLayout, code: string): IndependentSubject {
  return { layout, unresolved: code, persons: [], requesterIds: [], requesterMayBeAbsent: false, headNames: [] };
}

/** The request chose members explicitly and none of them is one of `ids`. */
const choseOthers = (members: "all" | string[] | undefined, ids: string[]) => Array.isArray(members) && !members.some((m) => ids.includes(m));

export async function loadIndependentSubject(tx: Tx, req: SubjectRequest): Promise<IndependentSubject> {
  const layout: NameLayout = isKosekiType(req.certificateType) ? "koseki" : "resident";
  const municipality = await tx.municipality.findUnique({ where: { code: req.municipalityCode }, select: { id: true } });
  const card = await tx.cardCertificate.findUnique({ where: { issuer_serial: { issuer: req.card.issuer, serial: req.card.serial } }, select: { residentId: true, municipalityId: true } });
  if (!municipality) return unresolved(layout, "municipality_unknown");
  if (!card) return unresolved(layout, "card_unknown");
  const holder = await tx.resident.findUnique({ where: { id: card.residentId } });
  if (!holder) return unresolved(layout, "cardholder_unknown");

  if (layout === "resident") {
    // 住所地 services: the cardholder is a resident of the municipality asked.
    if (card.municipalityId !== municipality.id || holder.municipalityId !== municipality.id) return unresolved(layout, "cardholder_not_resident");
    const people = RESIDENCE_TYPES.includes(req.certificateType)
      ? await tx.resident.findMany({ where: { householdId: holder.householdId, municipalityId: municipality.id, status: "active" } })
      : [holder];
    return {
      layout,
      unresolved: null,
      persons: people.map((r) => ({ id: r.id, name: r.familyName + r.givenName, givenName: r.givenName, birth: printedDate(r.dateOfBirth, !!r.nationality) })),
      requesterIds: [holder.id],
      requesterMayBeAbsent: RESIDENCE_TYPES.includes(req.certificateType) && choseOthers(req.options.members, [holder.id]),
      headNames: people.flatMap((r) => (r.kosekiHeadName ? [r.kosekiHeadName] : [])),
    };
  }

  // 本籍地 services: the cardholder's entry in a current register of this municipality — through the
  // register's link to the resident for a resident of the 本籍地, otherwise through an approved 利用登録
  // bound to this very card certificate.
  const anchors =
    card.municipalityId === municipality.id
      ? await tx.kosekiMember.findMany({ where: { municipalityId: municipality.id, residentId: holder.id, removed: false, kosekiRecord: { kind: "current" } } })
      : await registeredEntries(tx, municipality.id, req.card);
  if (!anchors.length) return unresolved(layout, "koseki_entry_unknown");

  const register = req.options.register ?? "current";
  let recordIds: string[];
  let requester: KosekiMember[];
  if (register === "current") {
    recordIds = [...new Set(anchors.map((a) => a.kosekiRecordId))];
    requester = anchors;
  } else {
    if (!req.closedRecordId) return unresolved(layout, "closed_record_unknown");
    const record = await tx.kosekiRecord.findUnique({ where: { id: req.closedRecordId }, select: { id: true, municipalityId: true, kind: true } });
    if (!record || record.municipalityId !== municipality.id || record.kind !== register) return unresolved(layout, "closed_record_unknown");
    requester = (await previousEntries(tx, municipality.id, anchors)).filter((e) => e.kosekiRecordId === record.id);
    if (!requester.length) return unresolved(layout, "closed_record_not_linked");
    recordIds = [record.id];
  }

  const members = await tx.kosekiMember.findMany({ where: { kosekiRecordId: { in: recordIds }, municipalityId: municipality.id }, include: { _count: { select: { fuhyoEntries: true } } } });
  const records = await tx.kosekiRecord.findMany({ where: { id: { in: recordIds }, municipalityId: municipality.id }, select: { headFamilyName: true, headGivenName: true } });
  const requesterIds = requester.map((m) => m.id);
  let mayBeAbsent = false;
  if (req.certificateType === "koseki-individual") mayBeAbsent = choseOthers(req.options.members, requesterIds);
  if (req.certificateType === "koseki-fuhyo") {
    // A 附票 prints only members still in the register who have address lines.
    const printable = members.some((m) => requesterIds.includes(m.id) && !m.removed && m._count.fuhyoEntries > 0);
    mayBeAbsent = choseOthers(req.options.members, requesterIds) || !printable;
  }
  return {
    layout,
    unresolved: null,
    // Every entry of the register, removed ones included (a 全部事項証明 prints them with 「除籍」).
    persons: members.map((m) => ({ id: m.id, name: m.familyName + m.givenName, givenName: m.givenName, birth: printedDate(m.dateOfBirth, false) })),
    requesterIds,
    requesterMayBeAbsent: mayBeAbsent,
    headNames: records.map((r) => r.headFamilyName + r.headGivenName),
  };
}

/** Entries named by approved 利用登録 bound to this card certificate (issuer + serial), in this municipality. */
async function registeredEntries(tx: Tx, municipalityId: string, card: { issuer: string; serial: string }): Promise<KosekiMember[]> {
  const registrations = await tx.kosekiRegistration.findMany({
    where: { municipalityId, cardIssuer: card.issuer, cardSerial: card.serial, status: "approved", kosekiMemberId: { not: null } },
    select: { kosekiMemberId: true },
  });
  const ids = registrations.flatMap((r) => (r.kosekiMemberId ? [r.kosekiMemberId] : []));
  return ids.length ? tx.kosekiMember.findMany({ where: { id: { in: ids }, municipalityId } }) : [];
}

/** Longest chain of previous entries followed (as the eligibility loader, by its own query). */
const MAX_PRIOR_HOPS = 16;

/**
 * The cardholder's entries in earlier registers: the chain of 従前の記録 (the register number and 順位 of the
 * previous entry, from the 戸籍 feed) followed from each current entry. The only identity of a closed register
 * entry with a person; name and date of birth, which two people can share, are never used.
 */
async function previousEntries(tx: Tx, municipalityId: string, anchors: KosekiMember[]): Promise<KosekiMember[]> {
  const found: KosekiMember[] = [];
  for (const anchor of anchors) {
    let at: KosekiMember = anchor;
    for (let hop = 0; hop < MAX_PRIOR_HOPS && at.priorRecordNo !== null && at.priorPosition !== null; hop++) {
      const prior = await tx.kosekiMember.findFirst({ where: { municipalityId, position: at.priorPosition, kosekiRecord: { municipalityId, recordNo: at.priorRecordNo } } });
      if (!prior) break;
      found.push(prior);
      at = prior;
    }
  }
  return found;
}
