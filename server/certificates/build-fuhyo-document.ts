import "server-only";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatWareki } from "@/lib/wareki";
import { refusalError } from "../eligibility/refusal";

import type { FuhyoEntry, KosekiMember, KosekiRecord, Municipality } from "../generated/prisma/client";
import type { FuhyoBody, PrintedIssuance } from "../pdf/document-model";
import type { BuiltDocument } from "./build-residence-document";
import { byPosition, chooseMembers, dataMismatch, kosekiFrame } from "./build-koseki-document";
import { printedDate, printedName } from "./person-format";

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/**
 * 戸籍の附票の写し: the address history of the register's members. `memberIds` limits it to chosen members
 * (default: all). Members removed from the register (除籍) and members without 附票 lines are not printed;
 * a document that would print nobody is refused.
 */
export function buildFuhyoDocument(c: {
  municipality: Municipality;
  record: KosekiRecord;
  members: Array<KosekiMember & { fuhyoEntries: FuhyoEntry[] }>;
  memberIds?: string[];
  issuance: PrintedIssuance;
  now: Date;
}): BuiltDocument {
  const { record } = c;
  if (record.municipalityId !== c.municipality.id) throw dataMismatch("the register");
  if (record.pendingFiling) throw refusalError("koseki_pending_filing");
  for (const m of c.members) {
    if (m.kosekiRecordId !== record.id) throw dataMismatch("a member");
    for (const e of m.fuhyoEntries) if (e.memberId !== m.id || e.kosekiRecordId !== record.id) throw dataMismatch("a 附票 line");
  }
  const printed = chooseMembers(c.members, c.memberIds).filter((m) => !m.removed && m.fuhyoEntries.length > 0);
  if (!printed.length) throw refusalError("fuhyo_entries_missing");

  const members: FuhyoBody["members"] = printed.map((m) => ({
    name: printedName(m),
    fields: [
      ["名", m.givenName],
      ["生年月日", printedDate(m.dateOfBirth, false)],
    ],
    lines: byPosition(m.fuhyoEntries).map((e) => ({ address: e.address, addressSetOn: formatWareki(ymd(e.addressSetOn)) })),
  }));
  return kosekiFrame({
    municipality: c.municipality,
    issuance: c.issuance,
    now: c.now,
    certificateType: "koseki-fuhyo",
    title: CERTIFICATE_NAMES["koseki-fuhyo"],
    certificationText: "この写しは、戸籍の附票の原本と相違ないことを証明する。",
    persons: printed.map((m, i) => ({ id: m.id, name: members[i].name })),
    body: { kind: "fuhyo", honseki: record.honseki, headName: `${record.headFamilyName} ${record.headGivenName}`, members },
    sensitiveRead: "fuhyo",
  });
}
