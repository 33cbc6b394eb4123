import "server-only";
import { z } from "zod";
import type { CertificateTypeId } from "@/lib/certificate-types";
import { jstDateString } from "@/lib/jst";
import { formatWareki } from "@/lib/wareki";
import { refusalError } from "../eligibility/refusal";
import { AppError } from "../errors";
import type { KosekiEvent, KosekiMember, KosekiRecord, Municipality } from "../generated/prisma/client";
import type { CertificateDocument, Field, KosekiBody, KosekiEventBlock, KosekiMemberBlock, KosekiRecordKind, MunicipalityBlock, PrintedIssuance } from "../pdf/document-model";
import type { BuiltDocument } from "./build-residence-document";
import { printedDate, printedName } from "./person-format";
import { subjectDigest } from "./subject-digest";

export type KosekiRecordWithEvents = KosekiRecord & {
  /** 戸籍事項. Events with a memberId (身分事項) may be included; they are ignored here. */
  events: KosekiEvent[];
  members: Array<KosekiMember & { events: KosekiEvent[] }>;
};

/** What the register is called in titles and 認証文. */
const RECORD_WORD: Record<KosekiRecordKind, string> = { current: "戸籍", joseki: "除籍", kaisei_genkoseki: "改製原戸籍" };

export function kosekiTitle(kind: KosekiRecordKind, variant: "full" | "individual"): string {
  const what = variant === "full" ? "全部事項証明" : "個人事項証明";
  return kind === "current" ? what : `${RECORD_WORD[kind]}${what}`;
}

export function kosekiCertificationText(kind: KosekiRecordKind, variant: "full" | "individual"): string {
  const w = RECORD_WORD[kind];
  return variant === "full"
    ? `これは、${w}に記録されている事項の全部を証明した書面である。`
    : `これは、${w}中の一部の者について記録されている事項の全部を証明した書面である。`;
}

/** 戸籍事項 kinds as the register prints them. */
const RECORD_EVENT_KIND: Record<string, string> = { 編製: "戸籍編製", 消除: "戸籍消除" };

const ZFields = z.array(z.object({ label: z.string().min(1), value: z.string(), type: z.enum(["date", "text"]).optional() }));

export const dataMismatch = (what: string) => new AppError("certificate_data_invalid", `${what} does not belong to the register being certified`);
const invalid = (message: string) => new AppError("certificate_data_invalid", `koseki record: ${message}`);

/** Date-typed values ("YYYY-MM-DD") print in 和暦; empty values are not printed. */
export function eventBlock(e: Pick<KosekiEvent, "kind" | "fields">, kind = e.kind): KosekiEventBlock {
  const parsed = ZFields.safeParse(e.fields);
  if (!parsed.success) throw invalid("KosekiEvent.fields is not in the expected shape");
  const fields: Field[] = [];
  for (const f of parsed.data) {
    if (!f.value.trim()) continue;
    if (f.type === "date") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(f.value)) throw invalid(`KosekiEvent field ${f.label} is not a date`);
      fields.push([f.label, formatWareki(f.value)]);
    } else {
      fields.push([f.label, f.value]);
    }
  }
  return { kind, fields };
}

export const byPosition = <T extends { position: number }>(xs: readonly T[]) => [...xs].sort((a, b) => a.position - b.position);

/** 【名】【生年月日】【配偶者区分】【父】【母】【続柄】 — 戸籍 prints 和暦 for everyone. */
export function memberFields(m: KosekiMember): Field[] {
  const f: Field[] = [
    ["名", m.givenName],
    ["生年月日", printedDate(m.dateOfBirth, false)],
  ];
  if (m.spouseRole) f.push(["配偶者区分", m.spouseRole]);
  if (m.fatherName) f.push(["父", m.fatherName]);
  if (m.motherName) f.push(["母", m.motherName]);
  f.push(["続柄", m.relationship]);
  return f;
}

export function municipalityBlock(m: Municipality): MunicipalityBlock {
  return { name: m.name, mayorTitle: m.mayorTitle, mayorName: m.mayorName, sealImage: m.sealImage ? new Uint8Array(m.sealImage) : null };
}

/** The chosen members in register order; every id must be a member of this register, once. */
export function chooseMembers<M extends { id: string; position: number }>(members: readonly M[], memberIds: readonly string[] | undefined): M[] {
  if (memberIds === undefined) return byPosition(members);
  if (!memberIds.length || new Set(memberIds).size !== memberIds.length || memberIds.some((id) => !members.some((m) => m.id === id))) {
    throw refusalError("koseki_member_not_in_record");
  }
  return byPosition(members.filter((m) => memberIds.includes(m.id)));
}

export function kosekiFrame(c: {
  municipality: Municipality;
  issuance: PrintedIssuance;
  now: Date;
  certificateType: CertificateTypeId;
  title: string;
  certificationText: string;
  persons: Array<{ id: string; name: string }>;
  body: CertificateDocument["body"];
  sensitiveRead: string;
}): BuiltDocument {
  const digest = subjectDigest({
    issuanceId: c.issuance.id,
    issuanceNo: c.issuance.no,
    municipalityCode: c.municipality.code,
    certificateType: c.certificateType,
    persons: c.persons,
  });
  return {
    document: {
      title: c.title,
      issuanceId: c.issuance.id,
      issuanceNo: c.issuance.no,
      verification: c.issuance.verification,
      subjectDigest: digest,
      issuedOn: formatWareki(jstDateString(c.now)),
      certificationText: c.certificationText,
      municipality: municipalityBlock(c.municipality),
      body: c.body,
    },
    residentIds: c.persons.map((p) => p.id),
    sensitiveReads: [c.sensitiveRead],
  };
}

/**
 * 戸籍全部事項証明書 (every member, removed ones with 「除籍」) or 個人事項証明書 (the members in `memberIds`,
 * required for "individual": the caller passes the requester's member id when nothing was chosen).
 * Eligibility (利用登録, who may ask for which register) is the caller's; this checks the data is one register.
 */
export function buildKosekiDocument(c: {
  municipality: Municipality;
  record: KosekiRecordWithEvents;
  variant: "full" | "individual";
  memberIds?: string[];
  issuance: PrintedIssuance;
  now: Date;
}): BuiltDocument {
  const { record } = c;
  if (record.municipalityId !== c.municipality.id) throw dataMismatch("the register");
  // A filing not yet reflected would certify an outdated register.
  if (record.pendingFiling) throw refusalError("koseki_pending_filing");
  for (const m of record.members) if (m.kosekiRecordId !== record.id) throw dataMismatch("a member");
  for (const e of record.events) if (e.kosekiRecordId !== record.id) throw dataMismatch("an event");

  if (c.variant === "individual" && !c.memberIds?.length) throw refusalError("koseki_member_not_in_record");
  const chosen = chooseMembers(record.members, c.variant === "full" ? undefined : c.memberIds);

  const members: KosekiMemberBlock[] = chosen.map((m) => {
    for (const e of m.events) if (e.memberId !== m.id || e.kosekiRecordId !== record.id) throw dataMismatch("a 身分事項");
    return { name: printedName(m), removed: m.removed, fields: memberFields(m), events: byPosition(m.events).map((e) => eventBlock(e)) };
  });
  const recordKind = record.kind as KosekiRecordKind;
  const body: KosekiBody = {
    kind: "koseki",
    variant: c.variant,
    recordKind,
    honseki: record.honseki,
    headName: `${record.headFamilyName} ${record.headGivenName}`,
    recordEvents: byPosition(record.events.filter((e) => e.memberId === null)).map((e) => eventBlock(e, RECORD_EVENT_KIND[e.kind] ?? e.kind)),
    members,
  };
  return kosekiFrame({
    municipality: c.municipality,
    issuance: c.issuance,
    now: c.now,
    certificateType: c.variant === "full" ? "koseki-full" : "koseki-individual",
    title: kosekiTitle(recordKind, c.variant),
    certificationText: kosekiCertificationText(recordKind, c.variant),
    persons: chosen.map((m, i) => ({ id: m.id, name: members[i].name })),
    body,
    sensitiveRead: "koseki",
  });
}
