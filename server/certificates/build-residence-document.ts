import "server-only";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import type { RESIDENCE_ENTRY_ITEMS } from "@/lib/schemas/kiosk";
import { jstDateString } from "@/lib/jst";
import { formatWareki } from "@/lib/wareki";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { refusalError } from "../eligibility/refusal";
import { AppError } from "../errors";
import type { Municipality, Resident } from "../generated/prisma/client";
import type { CertificateDocument, Field, PersonBlock, PrintedIssuance } from "../pdf/document-model";
import { printedDate, printedKana, printedName, printedSex } from "./person-format";
import { subjectDigest } from "./subject-digest";

export type ResidenceOptions = {
  members: "all" | string[];
  includeHouseholdHeadAndRelationship: boolean;
  includeHonseki: boolean;
  includeMyNumber: boolean;
  includeForeignResidentItems: boolean;
};
export type ResidenceEntryOptions = { members: "all" | string[]; items: Array<(typeof RESIDENCE_ENTRY_ITEMS)[number]> };

export type BuiltDocument = {
  document: CertificateDocument;
  residentIds: string[];
  /** Sensitive fields read to build it (for the audit event), e.g. "my_number". */
  sensitiveReads: string[];
};

type Common = {
  municipality: Municipality;
  /** The requester's household on the register (any status), requester included. */
  household: Resident[];
  householdAddress: string;
  issuance: PrintedIssuance;
  now: Date;
};

/** The members a 住民票 may show: the household's active members (除票 never), chosen ones in register order. */
export function selectMembers(household: Resident[], members: "all" | string[]): Resident[] {
  const active = household.filter((r) => r.status === "active");
  if (members === "all") return active;
  const unknown = members.filter((id) => !active.some((r) => r.id === id));
  if (unknown.length || new Set(members).size !== members.length) {
    throw refusalError("member_not_in_household");
  }
  return active.filter((r) => members.includes(r.id));
}

function frame(c: Common, title: string, certificationText: string, persons: PersonBlock[], householdHead: string | null, residentIds: string[], kind: "residence" | "residence-entry", sensitiveReads: string[]): BuiltDocument {
  const digest = subjectDigest({
    issuanceId: c.issuance.id,
    issuanceNo: c.issuance.no,
    municipalityCode: c.municipality.code,
    certificateType: kind,
    persons: persons.map((p, i) => ({ id: residentIds[i], name: p.name })),
  });
  return {
    document: {
      title,
      issuanceId: c.issuance.id,
      issuanceNo: c.issuance.no,
      verification: c.issuance.verification,
      subjectDigest: digest,
      issuedOn: formatWareki(jstDateString(c.now)),
      certificationText,
      municipality: {
        name: c.municipality.name,
        mayorTitle: c.municipality.mayorTitle,
        mayorName: c.municipality.mayorName,
        sealImage: c.municipality.sealImage ? new Uint8Array(c.municipality.sealImage) : null,
      },
      body: { kind, address: c.householdAddress, householdHead, persons },
    },
    residentIds,
    sensitiveReads,
  };
}

const headName = (household: Resident[]) => {
  const head = household.find((r) => r.isHouseholdHead && r.status === "active");
  return head ? printedName(head) : null;
};

export function buildResidenceDocument(c: Common & { options: ResidenceOptions; allowMyNumber: boolean }): BuiltDocument {
  const o = c.options;
  if (o.includeMyNumber && !c.allowMyNumber) {
    throw refusalError("my_number_not_allowed");
  }
  const chosen = selectMembers(c.household, o.members);
  const sensitiveReads = new Set<string>();
  const persons: PersonBlock[] = chosen.map((r) => {
    const foreign = !!r.nationality;
    const f: Field[] = [["フリガナ", printedKana(r)]];
    if (r.alias) f.push(["通称", r.alias]);
    f.push(["生年月日", printedDate(r.dateOfBirth, foreign)], ["性別", printedSex(r.sex)]);
    if (o.includeHouseholdHeadAndRelationship) f.push(["続柄", r.relationship]);
    f.push(["住民となった日", printedDate(r.becameResidentOn, foreign)]);
    f.push(["住所を定めた日", `${printedDate(r.addressSetOn, foreign)}${r.addressSetReason ? `（${r.addressSetReason}）` : ""}`]);
    if (r.notifiedOn) f.push(["届出日", printedDate(r.notifiedOn, foreign)]);
    if (r.previousAddress) f.push(["前住所", r.previousAddress]);
    if (o.includeHonseki && !foreign) {
      f.push(["本籍", r.honseki ?? ""], ["筆頭者", r.kosekiHeadName ?? ""]);
    }
    if (o.includeMyNumber) {
      if (!r.myNumberCipher) throw new AppError("my_number_missing", "the individual number (My Number) is not on record");
      f.push(["個人番号", decryptField(r.myNumberCipher, FieldContext.myNumber)]);
      sensitiveReads.add("my_number");
    }
    if (o.includeForeignResidentItems && foreign) {
      f.push(["国籍・地域", r.nationality ?? ""]);
      if (r.residenceStatus) f.push(["在留資格", r.residenceStatus]);
      if (r.residencePeriodEnd) f.push(["在留期間等の満了の日", printedDate(r.residencePeriodEnd, true)]);
      if (r.residenceCardNo) f.push(["在留カード等の番号", r.residenceCardNo]);
    }
    return { name: printedName(r), fields: f };
  });
  const certificationText =
    o.members === "all" ? "この写しは、世帯全員の住民票の原本と相違ないことを証明する。" : "この写しは、住民票の原本と相違ないことを証明する。";
  return frame(c, CERTIFICATE_NAMES.residence, certificationText, persons, o.includeHouseholdHeadAndRelationship ? headName(c.household) : null, chosen.map((r) => r.id), "residence", [...sensitiveReads]);
}

export function buildResidenceEntryDocument(c: Common & { options: ResidenceEntryOptions }): BuiltDocument {
  const items = new Set(c.options.items);
  const chosen = selectMembers(c.household, c.options.members);
  const persons: PersonBlock[] = chosen.map((r) => {
    const foreign = !!r.nationality;
    const f: Field[] = [];
    if (items.has("kana")) f.push(["フリガナ", printedKana(r)]);
    if (items.has("dateOfBirth")) f.push(["生年月日", printedDate(r.dateOfBirth, foreign)]);
    if (items.has("sex")) f.push(["性別", printedSex(r.sex)]);
    if (items.has("address")) f.push(["住所", c.householdAddress]);
    if (items.has("householdHead")) f.push(["世帯主", headName(c.household) ?? ""]);
    if (items.has("relationship")) f.push(["続柄", r.relationship]);
    if (items.has("becameResidentOn")) f.push(["住民となった日", printedDate(r.becameResidentOn, foreign)]);
    if (items.has("addressSetOn")) f.push(["住所を定めた日", printedDate(r.addressSetOn, foreign)]);
    if (items.has("previousAddress") && r.previousAddress) f.push(["前住所", r.previousAddress]);
    if (items.has("honseki") && !foreign) f.push(["本籍", r.honseki ?? ""], ["筆頭者", r.kosekiHeadName ?? ""]);
    return { name: printedName(r), fields: f };
  });
  return frame(c, CERTIFICATE_NAMES["residence-entry"], "上記の事項は、住民票の記載事項と相違ないことを証明する。", persons, null, chosen.map((r) => r.id), "residence-entry", []);
}
