import "server-only";
import { can } from "@/lib/permissions";
import { zipSync } from "fflate";
import { z } from "zod";
import { CERTIFICATE_NAMES, CERTIFICATE_TYPES, type CertificateTypeId } from "@/lib/certificate-types";
import { RESIDENCE_ENTRY_ITEMS } from "@/lib/schemas/kiosk";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { jstDateString } from "@/lib/jst";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { readSignatory } from "../db/read-image";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import type { Municipality } from "../generated/prisma/client";
import type { CertificateDocument } from "../pdf/document-model";
import { renderInWorker } from "../pdf/render-pool";
import { buildFuhyoDocument } from "./build-fuhyo-document";
import { buildKosekiDocument } from "./build-koseki-document";
import { buildResidenceDocument, buildResidenceEntryDocument, type BuiltDocument } from "./build-residence-document";
import { buildSealDocument } from "./build-seal-document";
import { buildTaxDocument } from "./build-tax-document";
import { sampleRows } from "./sample-rows";
import { printedVerification, SAMPLE_VERIFICATION_CODE } from "../verify/verification-code";

// The staff preview (証明書の見本): any certificate type of a municipality, rendered from fictional rows by
// the same builders and templates as issuance, with that municipality's name, mayor, 公印 and 認証文, and a
// 「見本」 watermark. Staff only; a municipality's staff only for their own municipality (the tenant comes
// from ctx), the operator for any. Nothing is recorded but the audit event.

const RENDER_TIMEOUT_MS = 30_000;
const SET_TIMEOUT_MS = 120_000;

const ZPreviewInput = z.object({ municipalityCode: ZMunicipalityCode, type: z.enum(CERTIFICATE_TYPES) });
const ZPreviewSetInput = z.object({ municipalityCode: ZMunicipalityCode });

export type PreviewPdf = { pdf: Uint8Array; pageCount: number; fileName: string };
export type PreviewSet = { zip: Uint8Array; fileName: string; files: string[] };
export type PreviewMunicipality = { code: string; name: string; prefecture: string; mayorTitle: string; mayorName: string };

/** 発行番号 printed on a sample: visibly not a real number (ASCII: it is also written into the PDF Keywords). */
export const sampleIssuanceNo = (municipalityCode: string) => `${municipalityCode}-SAMPLE-00000000`;
export const previewFileName = (municipalityCode: string, type: CertificateTypeId) => `${municipalityCode}_${CERTIFICATE_NAMES[type]}_見本.pdf`;

const PREVIEW_INVALID = "the preview request is not valid";

/**
 * The municipality the staff member may preview: the operator any (by code), everyone else only the one of
 * their context. Another municipality's code is `forbidden` whether or not it exists, so the answer does not
 * reveal which codes are served.
 */
async function authorizedMunicipality(ctx: RequestContext, municipalityCode: string): Promise<Municipality> {
  if (ctx.actor.type !== "staff") throw new AppError("forbidden", "the certificate preview is for staff");
  if (can(ctx.actor.role, "all-municipalities")) {
    const m = await withTenant(ctx, (tx) => tx.municipality.findUnique({ where: { code: municipalityCode } }));
    if (!m) throw new AppError("not_found", "no municipality has this code");
    return m;
  }
  // strictUndefinedChecks-style guard: a missing tenant must never widen the query.
  if (!ctx.municipalityId) throw new AppError("forbidden", "this staff member has no municipality");
  const municipalityId = ctx.municipalityId;
  const m = await withTenant(ctx, (tx) => tx.municipality.findFirst({ where: { code: municipalityCode, id: municipalityId } }));
  if (!m) throw new AppError("forbidden", "staff may preview only their own municipality's certificates");
  return m;
}

/** The municipality with the mayor and 公印 in force on the preview day (docs/decisions/0015), as issuance prints them. */
async function signedOn(ctx: RequestContext, municipality: Municipality, now: Date): Promise<Municipality> {
  const signatory = await withTenant(ctx, (tx) => readSignatory(tx, municipality.id, jstDateString(now)));
  return { ...municipality, ...signatory };
}

/** The municipalities the staff member may pick on the preview page (the operator: all; others: their own), with the mayor of today. */
export async function listPreviewMunicipalities({ ctx, now = new Date() }: { ctx: RequestContext; now?: Date }): Promise<PreviewMunicipality[]> {
  if (ctx.actor.type !== "staff") throw new AppError("forbidden", "the certificate preview is for staff");
  const select = { id: true, code: true, name: true, prefecture: true, mayorTitle: true, mayorName: true } as const;
  const all = can(ctx.actor.role, "all-municipalities");
  const municipalityId = ctx.municipalityId;
  if (!all && !municipalityId) throw new AppError("forbidden", "this staff member has no municipality");
  return withTenant(ctx, async (tx) => {
    const rows = await tx.municipality.findMany({ select, where: all ? {} : { id: municipalityId! }, orderBy: { code: "asc" } });
    // The mayor in force today (docs/decisions/0015); the columns before any history.
    const terms = await tx.mayorTerm.findMany({
      where: { municipalityId: { in: rows.map((r) => r.id) }, effectiveFrom: { lte: new Date(`${jstDateString(now)}T00:00:00Z`) } },
      orderBy: [{ municipalityId: "asc" }, { effectiveFrom: "desc" }],
      distinct: ["municipalityId"],
      select: { municipalityId: true, mayorTitle: true, mayorName: true },
    });
    const termOf = new Map(terms.map((t) => [t.municipalityId, t]));
    return rows.map(({ id, ...m }) => ({ ...m, ...(termOf.has(id) ? { mayorTitle: termOf.get(id)!.mayorTitle, mayorName: termOf.get(id)!.mayorName } : {}) }));
  });
}

/** The sample document of `type`, built exactly as buildDocument in issue-certificate.ts builds a real one. */
export function buildSampleDocument(municipality: Municipality, type: CertificateTypeId, now: Date): CertificateDocument {
  const rows = sampleRows(municipality, jstDateString(now));
  const no = sampleIssuanceNo(municipality.code);
  const issuance = { id: "sample", no, verification: printedVerification(no, SAMPLE_VERIFICATION_CODE) };
  const common = { municipality, household: rows.household, householdAddress: rows.householdAddress, issuance, now };
  const forRequester = { municipality, requester: rows.requester, address: rows.householdAddress, issuance, now };
  const record = rows.kosekiRecord;
  let built: BuiltDocument;
  switch (type) {
    case "residence":
      built = buildResidenceDocument({
        ...common,
        options: { members: "all", includeHouseholdHeadAndRelationship: true, includeHonseki: true, includeMyNumber: false, includeForeignResidentItems: false },
        allowMyNumber: false,
      });
      break;
    case "residence-entry":
      built = buildResidenceEntryDocument({ ...common, options: { members: "all", items: [...RESIDENCE_ENTRY_ITEMS] } });
      break;
    case "seal":
      built = buildSealDocument({ ...forRequester, registration: rows.sealRegistration });
      break;
    case "tax-income":
      built = buildTaxDocument({ ...forRequester, record: rows.taxRecord, variant: "income" });
      break;
    case "tax-assessment":
      built = buildTaxDocument({ ...forRequester, record: rows.taxRecord, variant: "assessment" });
      break;
    case "tax-income-assessment":
      built = buildTaxDocument({ ...forRequester, record: rows.taxRecord, variant: "income-assessment" });
      break;
    case "koseki-full":
      built = buildKosekiDocument({ municipality, record, variant: "full", issuance, now });
      break;
    case "koseki-individual":
      built = buildKosekiDocument({ municipality, record, variant: "individual", memberIds: [record.members[0].id], issuance, now });
      break;
    case "koseki-fuhyo":
      built = buildFuhyoDocument({ municipality, record, members: record.members, issuance, now });
      break;
    default:
      (type) satisfies never;
      throw new AppError("internal_error", "no builder for this certificate type");
  }
  return { ...built.document, sample: true };
}

async function auditPreviews(ctx: RequestContext, municipality: Municipality, rendered: Array<{ type: CertificateTypeId; pageCount: number }>, set: boolean) {
  // Fictional data only: the event names the type and the municipality, never anything printed.
  await withTenant(ctx, async (tx) => {
    for (const r of rendered) {
      await writeAuditEvent(tx, ctx, {
        action: "preview.render",
        municipalityId: municipality.id,
        targetType: "Municipality",
        targetId: municipality.id,
        details: { certificateType: r.type, municipalityCode: municipality.code, pageCount: r.pageCount, ...(set ? { set: true } : {}) },
      });
    }
  });
}

/** One sample PDF, shown inline in the staff portal. */
export async function previewCertificate(args: { ctx: RequestContext; municipalityCode: string; type: string; now?: Date }): Promise<PreviewPdf> {
  const input = parseInput(ZPreviewInput, { municipalityCode: args.municipalityCode, type: args.type }, PREVIEW_INVALID);
  const now = args.now ?? new Date();
  const municipality = await signedOn(args.ctx, await authorizedMunicipality(args.ctx, input.municipalityCode), now);
  const doc = buildSampleDocument(municipality, input.type, now);
  const rendered = await renderInWorker(doc, AbortSignal.timeout(RENDER_TIMEOUT_MS));
  await auditPreviews(args.ctx, municipality, [{ type: input.type, pageCount: rendered.pageCount }], false);
  return { pdf: rendered.pdf, pageCount: rendered.pageCount, fileName: previewFileName(municipality.code, input.type) };
}

/** A ZIP of one sample PDF per certificate type, for publication on the municipality's web site. */
export async function previewCertificateSet(args: { ctx: RequestContext; municipalityCode: string; now?: Date }): Promise<PreviewSet> {
  const input = parseInput(ZPreviewSetInput, { municipalityCode: args.municipalityCode }, PREVIEW_INVALID);
  const now = args.now ?? new Date();
  const municipality = await signedOn(args.ctx, await authorizedMunicipality(args.ctx, input.municipalityCode), now);
  const signal = AbortSignal.timeout(SET_TIMEOUT_MS);
  // The render pool bounds the parallelism (PDF_WORKERS threads).
  const rendered = await Promise.all(
    CERTIFICATE_TYPES.map(async (type) => ({ type, ...(await renderInWorker(buildSampleDocument(municipality, type, now), signal)) })),
  );
  await auditPreviews(args.ctx, municipality, rendered, true);
  const entries = Object.fromEntries(rendered.map((r) => [previewFileName(municipality.code, r.type), r.pdf] as const));
  // PDF streams are already deflated: store them as they are.
  const zip = zipSync(entries, { level: 0, mtime: now });
  return { zip, fileName: `${municipality.code}_証明書見本.zip`, files: Object.keys(entries) };
}
