// Factories for 戸籍, 附票, tax records and 本籍地 利用登録.
import crypto from "node:crypto";
import { ownerDb } from "@/tests/setup/owner-db";
import type { Prisma } from "@/server/generated/prisma/client";

let n = 0;

export type MemberSpec = {
  givenName: string;
  familyName?: string;
  residentId?: string | null;
  dateOfBirth?: string;
  sex?: "male" | "female";
  relationship?: string;
  removed?: boolean;
  /** The 戸籍 feed's 支援措置 flag on the member. */
  supportMeasure?: boolean;
  /** 従前の記録: the member's entry in a previous register (a 除籍 or 改製原戸籍). */
  prior?: { recordNo: string; position: number };
};

/** A register with members, a 戸籍事項, a 出生 event per member and one 附票 line per member. */
export async function createKosekiRecord(municipalityId: string, opts: { members: MemberSpec[]; kind?: "current" | "joseki" | "kaisei_genkoseki"; pendingFiling?: boolean; familyName?: string; honseki?: string }) {
  const db = ownerDb();
  const familyName = opts.familyName ?? "川村";
  const record = await db.kosekiRecord.create({
    data: {
      municipalityId,
      recordNo: `K${++n}-${crypto.randomBytes(3).toString("hex")}`,
      kind: opts.kind ?? "current",
      honseki: opts.honseki ?? "テスト県テスト市本町七番地",
      headFamilyName: opts.members[0].familyName ?? familyName,
      headGivenName: opts.members[0].givenName,
      pendingFiling: opts.pendingFiling ?? false,
    },
  });
  await db.kosekiEvent.create({ data: { municipalityId, kosekiRecordId: record.id, position: 0, kind: "編製", eventDate: new Date("2006-06-01"), fields: [{ label: "編製日", value: "2006-06-01", type: "date" }] } });
  const members = [];
  for (const [i, m] of opts.members.entries()) {
    const member = await db.kosekiMember.create({
      data: {
        municipalityId,
        kosekiRecordId: record.id,
        position: i,
        familyName: m.familyName ?? familyName,
        givenName: m.givenName,
        dateOfBirth: new Date(m.dateOfBirth ?? "1980-04-01"),
        sex: m.sex ?? (i === 1 ? "female" : "male"),
        relationship: m.relationship ?? (i === 0 ? "長男" : i === 1 ? "長女" : "二男"),
        spouseRole: i === 0 ? "夫" : i === 1 ? "妻" : null,
        fatherName: "川村 太一",
        motherName: "川村 花子",
        removed: m.removed ?? false,
        residentId: m.residentId ?? null,
        supportMeasure: m.supportMeasure ?? false,
        priorRecordNo: m.prior?.recordNo ?? null,
        priorPosition: m.prior?.position ?? null,
      },
    });
    await db.kosekiEvent.create({
      data: {
        municipalityId,
        kosekiRecordId: record.id,
        memberId: member.id,
        position: 1,
        kind: "出生",
        eventDate: member.dateOfBirth,
        fields: [
          { label: "出生日", value: member.dateOfBirth.toISOString().slice(0, 10), type: "date" },
          { label: "出生地", value: "テスト県テスト市" },
          { label: "届出人", value: "父" },
        ] as Prisma.InputJsonValue,
      },
    });
    await db.fuhyoEntry.create({ data: { municipalityId, kosekiRecordId: record.id, memberId: member.id, position: 0, address: "東京都世田谷区太子堂二丁目14番3号", addressSetOn: new Date("2020-03-01") } });
    members.push(member);
  }
  return { record, members };
}

export async function createRegistration(municipalityId: string, card: { issuer: string; serial: string }, opts: { status?: "pending" | "approved" | "rejected" | "reregistration_needed" | "withdrawn"; kosekiMemberId?: string | null } = {}) {
  return ownerDb().kosekiRegistration.create({
    data: {
      municipalityId,
      receiptNo: `R-T-${++n}-${crypto.randomBytes(3).toString("hex")}`,
      status: opts.status ?? "approved",
      source: "kiosk",
      cardIssuer: card.issuer,
      cardSerial: card.serial,
      applicantFamilyName: "川村",
      applicantGivenName: "一郎",
      applicantFamilyNameKana: "カワムラ",
      applicantGivenNameKana: "イチロウ",
      applicantDateOfBirth: new Date("1980-04-01"),
      currentAddress: "東京都世田谷区太子堂二丁目14番3号",
      honseki: "テスト県テスト市本町七番地",
      kosekiHeadName: "川村 一郎",
      consentAt: new Date("2026-11-01T00:00:00Z"),
      dueOn: new Date("2026-11-08"),
      kosekiMemberId: opts.kosekiMemberId ?? null,
    },
  });
}

export async function createTaxRecord(municipalityId: string, residentId: string, fiscalYear: number, over: Partial<Prisma.TaxRecordUncheckedCreateInput> = {}) {
  return ownerDb().taxRecord.create({
    data: {
      municipalityId,
      residentId,
      fiscalYear,
      details: {
        income: [{ label: "給与収入", revenue: 4_200_000, amount: 2_940_000 }],
        deductions: [{ label: "社会保険料控除", amount: 620_000 }, { label: "基礎控除", amount: 430_000 }],
        taxes: { municipal: { incomeLevy: 113_400, perCapita: 3_000 }, prefectural: { incomeLevy: 75_600, perCapita: 1_000 } },
      },
      totalIncome: 2_940_000,
      totalDeductions: 1_050_000,
      taxableIncome: 1_890_000,
      municipalTax: 116_400,
      prefecturalTax: 76_600,
      ...over,
    },
  });
}
