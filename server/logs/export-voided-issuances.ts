import "server-only";
import { CERTIFICATE_NAMES, fromDbCertificateType } from "@/lib/certificate-types";
import { jstDateString, jstMidnight, formatJstDateTime } from "@/lib/jst";
import { VOID_REASON_LABELS, ZRecallExport, type RecallExportInput, type VoidReasonName } from "@/lib/schemas/issuance-void";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { residentProtection } from "../eligibility/protection";
import { parseInput } from "../parse-input";
import { printedName } from "../certificates/person-format";
import { encodeCsvAs, type CsvCell } from "../reports/report-csv";

export const RECALL_CSV_HEADER = ["発行番号", "証明書の種類", "請求の区分", "発行日時", "無効にした日時", "無効の理由", "理由の内容", "請求者氏名", "請求者住所", "備考"] as const;

/** Printed instead of the address of a household under 支援措置 (docs/decisions/0011 and 0012). */
export const PROTECTED_ADDRESS_TEXT = "支援措置対象のため住所非表示";
const PROTECTED_NOTE = "支援措置の対象です。郵送せず、窓口を通じて本人に連絡してください。";
const NO_REQUESTER_NOTE = "住民登録のない請求者（本籍地への請求）のため宛先がありません。窓口の記録から連絡してください。";
const NOT_ACTIVE_NOTE = "住民記録が転出または死亡となっています。住所が現在のものでない可能性があります。";

/** One voided issuance as the recall letter needs it; `address` is already withheld where it must be. */
export type RecallRecord = {
  issuanceNo: string;
  certificateName: string;
  purpose: "residence" | "honseki";
  issuedAt: Date;
  voidedAt: Date;
  reason: VoidReasonName;
  note: string | null;
  requester: { name: string; address: string; protected: boolean; active: boolean } | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The CSV rows: a protected household's address never reaches a cell, whatever `address` holds. */
export function recallCsvRows(records: readonly RecallRecord[]): CsvCell[][] {
  return [
    [...RECALL_CSV_HEADER],
    ...records.map((r): CsvCell[] => {
      const q = r.requester;
      const remark = !q ? NO_REQUESTER_NOTE : q.protected ? PROTECTED_NOTE : !q.active ? NOT_ACTIVE_NOTE : "";
      return [
        r.issuanceNo,
        r.certificateName,
        r.purpose === "honseki" ? "本籍地" : "住所地",
        formatJstDateTime(r.issuedAt),
        formatJstDateTime(r.voidedAt),
        VOID_REASON_LABELS[r.reason],
        r.note ?? "",
        q?.name ?? "",
        !q ? "" : q.protected ? PROTECTED_ADDRESS_TEXT : q.address,
        remark,
      ];
    }),
  ];
}

export type RecallExportFile = { bytes: Buffer; asciiName: string; fileName: string; contentType: string; count: number };

/**
 * The voided issuances of the administrator's municipality whose void falls in [from, to] (JST days), with the
 * requester's name and address for the recall letter — except the address of a household where anyone is
 * protected as by a 支援措置 on the day of the export (server/eligibility/protection.ts): that row says to reach
 * the resident through the office. A 本籍地 issuance to a non-resident has no requester row and says so. A
 * personal-data read: the download is audited with counts only.
 */
export async function exportVoidedIssuances({ ctx, input, now = new Date() }: { ctx: RequestContext; input: RecallExportInput; now?: Date }): Promise<RecallExportFile> {
  requirePermission(ctx, "issuances:recall-export");
  const municipalityId = requireMunicipality(ctx);
  const q = parseInput(ZRecallExport, input, "invalid export period");
  return withTenant(ctx, async (tx) => {
    const rows = await tx.issuance.findMany({
      where: { municipalityId, voidedAt: { gte: jstMidnight(q.from), lt: new Date(jstMidnight(q.to).getTime() + DAY_MS) } },
      orderBy: [{ voidedAt: "asc" }, { issuanceNo: "asc" }],
      select: { issuanceNo: true, certificateType: true, purpose: true, renderedAt: true, completedAt: true, voidedAt: true, voidReason: true, voidNote: true, requesterResidentId: true },
    });
    const requesterIds = [...new Set(rows.flatMap((r) => (r.requesterResidentId ? [r.requesterResidentId] : [])))];
    const requesters = await tx.resident.findMany({
      where: { id: { in: requesterIds }, municipalityId },
      select: { id: true, familyName: true, givenName: true, status: true, householdId: true, household: { select: { address: true } } },
    });
    // Everyone on the requesters' households' registers, whatever their status: the letter goes to the household's address.
    const householdIds = [...new Set(requesters.map((r) => r.householdId))];
    const members = await tx.resident.findMany({ where: { householdId: { in: householdIds }, municipalityId }, select: { id: true, householdId: true } });
    const { protectedIds } = await residentProtection(tx, members.map((m) => m.id), jstDateString(now));
    const protectedHouseholds = new Set(members.filter((m) => protectedIds.has(m.id)).map((m) => m.householdId));

    const requesterById = new Map(requesters.map((p) => [p.id, p]));
    const records: RecallRecord[] = rows.map((r) => {
      const person = r.requesterResidentId ? requesterById.get(r.requesterResidentId) : undefined;
      return {
        issuanceNo: r.issuanceNo,
        certificateName: CERTIFICATE_NAMES[fromDbCertificateType(r.certificateType)],
        purpose: r.purpose,
        issuedAt: r.completedAt ?? r.renderedAt,
        voidedAt: r.voidedAt!,
        reason: r.voidReason!,
        note: r.voidNote,
        requester: person
          ? { name: printedName(person), address: person.household.address, protected: protectedHouseholds.has(person.householdId), active: person.status === "active" }
          : null,
      };
    });
    const withheld = records.filter((r) => r.requester?.protected).length;
    const bytes = encodeCsvAs(recallCsvRows(records), q.encoding);
    await writeAuditEvent(tx, ctx, {
      municipalityId,
      action: "issuance.recall_export",
      targetType: "Issuance",
      details: { from: q.from, to: q.to, encoding: q.encoding, count: records.length, addressesWithheld: withheld, withoutRequester: records.filter((r) => !r.requester).length },
    });
    const base = `voided-issuances-${q.from}-${q.to}`;
    return q.encoding === "utf8"
      ? { bytes, asciiName: `${base}-utf8.csv`, fileName: `無効証明書の回収一覧_${q.from}_${q.to}.csv`, contentType: "text/csv; charset=utf-8", count: records.length }
      : { bytes, asciiName: `${base}-sjis.csv`, fileName: `無効証明書の回収一覧_${q.from}_${q.to}_SJIS.csv`, contentType: "text/csv; charset=shift_jis", count: records.length };
  });
}
