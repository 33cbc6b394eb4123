import "server-only";
import { z } from "zod";
import { CERTIFICATE_NAMES, type CertificateTypeId } from "@/lib/certificate-types";
import { jstDateString } from "@/lib/jst";
import { formatFiscalYear, formatWareki, toWareki } from "@/lib/wareki";
import { refusalError } from "../eligibility/refusal";
import { AppError } from "../errors";
import type { Municipality, Resident, TaxRecord } from "../generated/prisma/client";
import type { TaxBody, TaxLevy, PrintedIssuance } from "../pdf/document-model";
import type { BuiltDocument } from "./build-residence-document";
import { printedDate, printedName } from "./person-format";
import { subjectDigest } from "./subject-digest";

export type TaxVariant = TaxBody["variant"];

const TYPE_OF: Record<TaxVariant, CertificateTypeId> = {
  income: "tax-income",
  assessment: "tax-assessment",
  "income-assessment": "tax-income-assessment",
};

const ZLevy = z.object({ incomeLevy: z.number().int().nonnegative(), perCapita: z.number().int().nonnegative() });
/** TaxRecord.details as the back-office feed (and the demo seed) writes it; other keys are ignored. */
const ZDetails = z.object({
  income: z.array(z.object({ label: z.string().min(1), revenue: z.number().int().nullable().optional(), amount: z.number().int() })),
  deductions: z.array(z.object({ label: z.string().min(1), amount: z.number().int() })),
  taxes: z.object({ municipal: ZLevy, prefectural: ZLevy }).optional(),
});

const yen = new Intl.NumberFormat("ja-JP");
const amount = (n: number) => yen.format(n);

/** 令和7年 for the calendar year 2025 (the era in force at the year's end, as 年分 is printed). */
export function warekiYear(year: number): string {
  const w = toWareki(`${year}-12-31`);
  return `${w.era}${w.year === 1 ? "元" : w.year}年`;
}

/** "給与収入" → "給与" (the income kind, shown in a 所得の種類 column beside 収入金額 and 所得金額). */
const incomeKind = (label: string) => label.replace(/(収入|所得)$/, "") || label;

const invalid = (message: string) => new AppError("certificate_data_invalid", `tax record: ${message}`);

/**
 * 所得証明書 / 課税(非課税)証明書 / 所得・課税証明書 of the requester (本人 only) for the record's fiscal year.
 * The caller has chosen the record (fiscal year offered, record present) in the issuing transaction.
 */
export function buildTaxDocument(c: {
  municipality: Municipality;
  requester: Resident;
  /** The requester's current address (住所 as printed). */
  address: string;
  record: TaxRecord;
  variant: TaxVariant;
  issuance: PrintedIssuance;
  now: Date;
}): BuiltDocument {
  const { record: t, requester: r } = c;
  // The record must be this person's, in this municipality: the certificate is bound to its request.
  if (t.residentId !== r.id || t.municipalityId !== c.municipality.id) {
    throw new AppError("certificate_data_invalid", "the tax record does not belong to the requester");
  }
  // Not resident on 1 January: the former municipality taxed this year (賦課期日), it cannot certify here.
  if (!t.residentOnJan1) throw refusalError("tax_not_resident_on_jan1");

  const parsed = ZDetails.safeParse(t.details);
  if (!parsed.success) throw invalid("TaxRecord.details is not in the expected shape");
  const d = parsed.data;

  let taxes: TaxBody["taxes"] = null;
  if (t.nonTaxable) {
    if (t.municipalTax !== 0 || t.prefecturalTax !== 0) throw invalid("a 非課税 record carries tax amounts");
  } else {
    if (!d.taxes) throw invalid("the 所得割・均等割 breakdown is missing");
    const levy = (l: { incomeLevy: number; perCapita: number }, total: number): TaxLevy => {
      if (l.incomeLevy + l.perCapita !== total) throw invalid("所得割 + 均等割 differs from the annual tax");
      return { incomeLevy: amount(l.incomeLevy), perCapita: amount(l.perCapita), total: amount(total) };
    };
    taxes = {
      municipal: levy(d.taxes.municipal, t.municipalTax),
      prefectural: levy(d.taxes.prefectural, t.prefecturalTax),
      annualTotal: amount(t.municipalTax + t.prefecturalTax),
    };
  }

  const name = printedName(r);
  const fiscalYearLabel = formatFiscalYear(t.fiscalYear);
  const body: TaxBody = {
    kind: "tax",
    variant: c.variant,
    fiscalYearLabel,
    incomeYearLabel: `${warekiYear(t.fiscalYear - 1)}中`,
    person: {
      name,
      fields: [
        ["住所", c.address],
        ["生年月日", printedDate(r.dateOfBirth, !!r.nationality)],
      ],
    },
    income: d.income.map((i) => ({ label: incomeKind(i.label), revenue: i.revenue == null ? "" : amount(i.revenue), amount: amount(i.amount) })),
    totalIncome: amount(t.totalIncome),
    deductions: d.deductions.map((x) => ({ label: x.label, amount: amount(x.amount) })),
    totalDeductions: amount(t.totalDeductions),
    dependents: `${t.dependents}人`,
    taxableIncome: amount(t.taxableIncome),
    nonTaxable: t.nonTaxable,
    taxes,
  };

  const certificateType = TYPE_OF[c.variant];
  // 課税(非課税)証明書 names the one that applies.
  const title = c.variant === "assessment" ? (t.nonTaxable ? "非課税証明書" : "課税証明書") : CERTIFICATE_NAMES[certificateType];
  const digest = subjectDigest({
    issuanceId: c.issuance.id,
    issuanceNo: c.issuance.no,
    municipalityCode: c.municipality.code,
    certificateType,
    persons: [{ id: r.id, name }],
  });
  return {
    document: {
      title: `${fiscalYearLabel}　${title}`,
      issuanceId: c.issuance.id,
      issuanceNo: c.issuance.no,
      verification: c.issuance.verification,
      subjectDigest: digest,
      issuedOn: formatWareki(jstDateString(c.now)),
      certificationText: "上記のとおり証明します。",
      municipality: {
        name: c.municipality.name,
        mayorTitle: c.municipality.mayorTitle,
        mayorName: c.municipality.mayorName,
        sealImage: c.municipality.sealImage ? new Uint8Array(c.municipality.sealImage) : null,
      },
      body,
    },
    residentIds: [r.id],
    sensitiveReads: ["tax"],
  };
}
