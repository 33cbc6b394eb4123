import "server-only";
import crypto from "node:crypto";
import { toDbCertificateType } from "@/lib/certificate-types";
import { isRefusalCode, type RefusalCode } from "@/lib/refusal-reasons";
import type { IssueRequestBody } from "@/lib/schemas/kiosk";
import { canonicalJson } from "../audit/canonical-json";
import { writeAuditEvent } from "../audit/write-audit-event";
import { buildResidenceDocument, buildResidenceEntryDocument, type BuiltDocument } from "../certificates/build-residence-document";
import { buildFuhyoDocument } from "../certificates/build-fuhyo-document";
import { buildKosekiDocument } from "../certificates/build-koseki-document";
import { buildSealDocument } from "../certificates/build-seal-document";
import { buildTaxDocument } from "../certificates/build-tax-document";
import { encryptBytes, FieldContext } from "../crypto/field-encryption";
import { getEnv } from "../env";
import type { KosekiFacts } from "../eligibility/facts";
import type { Household, Municipality, Resident } from "../generated/prisma/client";
import { isKosekiType } from "@/lib/certificate-types";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { classifyPgError } from "../db/pg-errors";
import { readSealRegistrationImage, readSignatory } from "../db/read-image";
import { jstDateString } from "@/lib/jst";
import { withTenant } from "../db/tenant";
import { evaluateEligibility } from "../eligibility/evaluate-eligibility";
import { loadEligibilityFacts } from "../eligibility/load-eligibility-facts";
import { refusalError } from "../eligibility/refusal";
import { AppError, isAppError } from "../errors";
import { totalFee } from "../fees/fee-in-force";
import { logger } from "../logger";
import type { CertificateDocument, PrintedIssuance } from "../pdf/document-model";
import { renderInWorker, type RenderOutcome } from "../pdf/render-pool";
import { issuanceGate, type AdmissionGate } from "./admission";
import { issuanceTimeout } from "./issuance-timeout";
import { beforeDeadline } from "@/lib/before-deadline";
import { allocateIssuanceNo } from "./issuance-number";
import { issuanceResponse, type IssuanceResponse } from "./issuance-response";
import { checkPdfSubject } from "./check-pdf-subject";
import { loadIndependentSubject, type KosekiRegisterKind } from "./independent-subject";
import { reportSelfCheckFailure } from "./report-self-check-failure";
import { recordIssuanceRefusal } from "../refusals/record-issuance-refusal";
import { konbiniMetrics, secondsSince } from "../metrics/metrics";
import { verifyRenderedPdf } from "./verify-rendered-pdf";
import { generateVerificationCode, printedVerification, verificationCodeHash } from "../verify/verification-code";

export const ISSUANCE_STEPS = ["claim", "eligibility", "number", "build", "render", "verify", "record", "audit"] as const;
export type IssuanceStep = (typeof ISSUANCE_STEPS)[number];

/** Test seams (production passes nothing). */
export type IssuanceHooks = {
  /** Called before each step: delays and faults are injected here. */
  beforeStep?: (step: IssuanceStep, signal: AbortSignal) => Promise<void>;
  /**
   * Replaces what the worker rendered before the self-check reads it: tests hand in a wrong PDF (another
   * person's, a page from another issuance) to prove the check stops it and the municipality is suspended.
   */
  afterRender?: (rendered: RenderOutcome, document: CertificateDocument) => Promise<RenderOutcome>;
};

export type IssueResult = { response: IssuanceResponse; replayed: boolean };

/** The issuance deadline, counted from the request's arrival (ISSUANCE_TIMEOUT_MS, default 20 s). */
export const issuanceTimeoutMs = (): number => getEnv().ISSUANCE_TIMEOUT_MS;

export function requestHash(input: IssueRequestBody): string {
  return crypto.createHash("sha256").update(canonicalJson(input)).digest("hex");
}

function refuse(reason: RefusalCode, reasons?: RefusalCode[]): never {
  throw refusalError(reason, reasons);
}

/**
 * Issues one certificate, exactly once per (API client, Idempotency-Key), in ONE database transaction:
 * claim the key, re-check eligibility on locked current data, allocate the 発行番号, render in a worker,
 * read the bytes back and check they belong to this request, record the issuance and its fee, audit,
 * commit. Any error or the deadline aborts all of it: the transaction rolls back and no PDF is returned,
 * because the answer is only produced after the commit succeeded.
 */
export async function issueCertificate(args: {
  ctx: RequestContext;
  input: IssueRequestBody;
  idempotencyKey: string;
  now?: Date;
  hooks?: IssuanceHooks;
  timeoutMs?: number;
  /** When the request arrived (ms since the epoch): the deadline counts from then, authentication included. */
  receivedAt?: number;
  /** The process's admission gate unless a test brings its own. */
  gate?: AdmissionGate;
}): Promise<IssueResult> {
  const type = args.input.certificateType;
  // Metrics (server/metrics): from the request's arrival when known (authentication included), on the monotonic clock.
  const startedMs = performance.now() - (args.receivedAt === undefined ? 0 : Math.max(0, Date.now() - args.receivedAt));
  try {
    const result = await issueOnce(args);
    konbiniMetrics().issuanceDuration.observe({ type, outcome: result.replayed ? "replay" : "issued" }, secondsSince(startedMs));
    return result;
  } catch (e) {
    konbiniMetrics().issuanceDuration.observe({ type, outcome: isAppError(e) && isRefusalCode(e.code) ? "refused" : "error" }, secondsSince(startedMs));
    throw e;
  }
}

/** issueCertificate without its latency metric. */
async function issueOnce(args: Parameters<typeof issueCertificate>[0]): Promise<IssueResult> {
  const { ctx, input, idempotencyKey, hooks } = args;
  if (ctx.actor.type !== "api_client") throw new AppError("forbidden", "issuance is for API clients");
  const apiClientId = ctx.actor.id;
  const clientMunicipalityId = ctx.actor.municipalityId;
  // What is left of the deadline; the transaction's own timeout is the same, so it cannot commit after the answer.
  const timeoutMs = Math.max(1, (args.receivedAt ?? Date.now()) + (args.timeoutMs ?? issuanceTimeoutMs()) - Date.now());
  const deadline = AbortSignal.timeout(timeoutMs);
  const hash = requestHash(input);
  const step = async (name: IssuanceStep) => {
    if (deadline.aborted) throw issuanceTimeout("the issuance did not finish before the deadline");
    await hooks?.beforeStep?.(name, deadline);
    if (deadline.aborted) throw issuanceTimeout("the issuance did not finish before the deadline");
  };
  let selfCheck: { municipalityId: string; failure: string; issuanceId: string; now: Date } | null = null;
  // Who a refusal thrown after the eligibility load is about: recorded once the transaction has rolled back.
  let refusalSubject: { municipalityId: string; residentId: string | null; now: Date } | null = null;

  // Wait for a slot BEFORE the transaction opens (no connection, lock or gate is held while queued).
  const release = await (args.gate ?? issuanceGate()).enter(deadline);
  try {
    // The answer never waits past the deadline, even when the database stops answering (a stalled connection
    // would otherwise hold the request until it resumes): the transaction is left to Prisma, which rolls it
    // back at the same timeout, and the centre retries with the same key (docs/reliability.md).
    const work = withTenant(
      ctx,
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
        await step("claim");
        const [{ claimed }] = await tx.$queryRaw<{ claimed: boolean }[]>`
          SELECT pg_try_advisory_xact_lock(hashtextextended(${`idem:${apiClientId}:${idempotencyKey}`}, 0)) AS claimed`;
        if (!claimed) throw new AppError("idempotency_key_in_progress", "a request with this Idempotency-Key is being processed");
        const existing = await tx.issuance.findUnique({ where: { apiClientId_idempotencyKey: { apiClientId, idempotencyKey } } });
        if (existing) {
          if (existing.requestHash !== hash) {
            throw new AppError("idempotency_key_conflict", "this Idempotency-Key was used with another request body");
          }
          return { response: issuanceResponse(existing), replayed: true };
        }

        const now = args.now ?? new Date();
        await step("eligibility");
        const options = input.options as { fiscalYear?: number; register?: "current" | "joseki" | "kaisei_genkoseki" };
        const loaded = await loadEligibilityFacts(tx, {
          card: input.card,
          municipalityCode: input.municipalityCode,
          purpose: input.purpose,
          types: [input.certificateType],
          now,
          lock: true,
          clientMunicipalityId,
          request: { fiscalYear: options.fiscalYear, register: options.register },
        });
        refusalSubject = { municipalityId: loaded.facts ? loaded.subject.municipality.id : loaded.municipality.id, residentId: loaded.facts ? (loaded.subject.requester?.id ?? null) : null, now };
        if (!loaded.facts) refuse(loaded.refusal);
        const verdict = evaluateEligibility(loaded.facts, input.certificateType);
        if (!verdict.available) refuse(verdict.reason, verdict.reasons);
        if (input.copies > verdict.copyLimit) refuse("copies_out_of_range");
        const { municipality, requester, household } = loaded.subject;
        const koseki = loaded.facts.koseki;

        await step("number");
        const no = await allocateIssuanceNo(tx, municipality.code, now);
        // The 照合番号 lives only in the document (printed on every page) and so in the encrypted PDF; the row
        // keeps its hash. Never logged, audited or returned (docs/verify.md).
        const issuance = { id: crypto.randomUUID(), no, verification: printedVerification(no, generateVerificationCode()) };

        await step("build");
        // The mayor and 公印 in force on the issuance day (docs/decisions/0015).
        const withSeal = { ...municipality, sealImage: null, ...(await readSignatory(tx, municipality.id, jstDateString(now))) };
        const built = await buildDocument(tx, { input, municipality: withSeal, requester, household, koseki, verdict, issuance, now });
        await step("render");
        let rendered = await renderInWorker(built.document, deadline);
        if (hooks?.afterRender) rendered = await hooks.afterRender(rendered, built.document);

        await step("verify");
        // Who may appear, re-derived from the card by its own queries (docs/decisions/0010): never from
        // `loaded` or `built`, except the closed register printed, which it re-verifies.
        const subjectOptions = input.options as { members?: "all" | string[]; register?: KosekiRegisterKind };
        const subject = await loadIndependentSubject(tx, {
          card: input.card,
          municipalityCode: input.municipalityCode,
          certificateType: input.certificateType,
          options: subjectOptions,
          closedRecordId: subjectOptions.register && subjectOptions.register !== "current" && koseki?.status === "found" ? koseki.recordId : null,
        });
        const independent = checkPdfSubject(
          rendered,
          { issuanceId: issuance.id, issuanceNo: issuance.no, verificationCode: issuance.verification.code, subjectDigest: built.document.subjectDigest },
          subject,
        );
        // Then the document's own completeness: every name meant to be printed is there.
        const check = independent.ok ? verifyRenderedPdf(built.document, rendered.pdf, rendered) : independent;
        if (!check.ok) {
          selfCheck = { municipalityId: municipality.id, failure: check.failure, issuanceId: issuance.id, now };
          throw new AppError("pdf_self_check_failed", "the rendered PDF did not pass the post-render check; nothing was issued");
        }

        await step("record");
        // Encrypted at rest, bound to this row; pdfSha256 stays the hash of the plaintext the kiosk prints.
        const pdfCipher = encryptBytes(rendered.pdf, FieldContext.issuancePdf(issuance.id)).cipher;
        const row = await tx.issuance.create({
          data: {
            id: issuance.id,
            municipalityId: municipality.id,
            issuanceNo: issuance.no,
            certificateType: toDbCertificateType(input.certificateType),
            purpose: input.purpose,
            cardCertificateId: loaded.subject.card.id,
            requesterResidentId: requester?.id ?? null,
            subjectDigest: built.document.subjectDigest,
            options: input.options as object,
            copies: input.copies,
            feePerCopy: verdict.fee,
            feeTotal: totalFee(verdict.fee, input.copies),
            apiClientId,
            idempotencyKey,
            requestHash: hash,
            centreTransactionId: input.transactionId,
            storeChain: input.terminal.storeChain,
            storeCode: input.terminal.storeCode,
            terminalId: input.terminal.terminalId,
            terminalMunicipalityCode: input.terminal.municipalityCode ?? null,
            // By the terminal's location when the centre sends it (DOMAIN.md §7: kiosk use outside the city);
            // otherwise by the requester's residence.
            outOfTown: input.terminal.municipalityCode ? input.terminal.municipalityCode !== municipality.code : loaded.subject.card.municipalityId !== municipality.id,
            pdf: pdfCipher,
            pdfSha256: check.sha256,
            pdfExpiresAt: new Date(now.getTime() + municipality.pdfRetentionHours * 3_600_000),
            pageCount: rendered.pageCount,
            verificationCodeHash: verificationCodeHash(issuance.no, issuance.verification.code),
            renderedAt: now,
            timings: { renderMs: rendered.renderMs },
          },
          // The stored ciphertext is the one written above: not read back through the driver (a bytea costs
          // ≈ 1 ms of main-thread CPU per 10 KB there); the answer still decrypts it before the commit.
          omit: { pdf: true },
        });

        await step("audit");
        await writeAuditEvent(tx, { ...ctx, municipalityId: municipality.id }, {
          action: "issuance.render",
          targetType: "Issuance",
          targetId: row.id,
          details: { issuanceNo: row.issuanceNo, certificateType: input.certificateType, copies: input.copies, residents: built.residentIds.length, sensitiveReads: built.sensitiveReads },
        });
        return { response: issuanceResponse({ ...row, pdf: pdfCipher }), replayed: false };
      },
      // Waiting for a connection counts against the same deadline.
      { timeout: timeoutMs, maxWait: timeoutMs },
    );
    return await beforeDeadline(deadline, work, () => issuanceTimeout("the issuance did not finish before the deadline"));
  } catch (e) {
    if (selfCheck) {
      const sc = selfCheck as { municipalityId: string; failure: string; issuanceId: string; now: Date };
      // The issuing transaction has rolled back: nothing is returned or recorded. Suspend the municipality,
      // open the incident and alert the operator, each in its own transaction; this never throws, so the
      // answer below stays the self-check error whatever happens here.
      await reportSelfCheckFailure({
        municipalityId: sc.municipalityId,
        certificateType: input.certificateType,
        failure: sc.failure,
        attemptedIssuanceId: sc.issuanceId,
        requestId: ctx.requestId,
        now: sc.now,
      }).catch((err) => logger.error({ err: String(err), requestId: ctx.requestId }, "could not report a failed PDF self-check"));
    }
    if (isAppError(e) && isRefusalCode(e.code) && refusalSubject) {
      const rs = refusalSubject as { municipalityId: string; residentId: string | null; now: Date };
      await recordIssuanceRefusal(ctx, { municipalityId: rs.municipalityId, source: "issuance", reason: e.code, certificateType: input.certificateType, refusedAt: rs.now, terminal: input.terminal, residentId: rs.residentId });
    }
    if (isAppError(e)) throw e;
    if (deadline.aborted) throw issuanceTimeout("the issuance did not finish before the deadline", e);
    // lock_timeout (5 s): an import of this municipality holds its rows; nothing was done, retry shortly.
    if (classifyPgError(e)?.kind === "lock_timeout") throw new AppError("server_busy", "the municipality's data is being updated; retry with the same Idempotency-Key", { details: { retryAfterSeconds: 5 }, cause: e });
    throw e;
  } finally {
    release();
  }
}

type BuildArgs = {
  input: IssueRequestBody;
  municipality: Municipality;
  requester: (Resident & { household: Household }) | null;
  household: Resident[];
  koseki: KosekiFacts | null;
  verdict: { allowMyNumber: boolean };
  issuance: PrintedIssuance;
  now: Date;
};

/** The certificate document for the request, from current data read in the issuing transaction. */
async function buildDocument(tx: Tx, a: BuildArgs): Promise<BuiltDocument> {
  const { input, municipality, issuance, now } = a;
  if (isKosekiType(input.certificateType)) {
    if (a.koseki?.status !== "found") refuse("koseki_record_not_found");
    const record = await tx.kosekiRecord.findUniqueOrThrow({
      where: { id: a.koseki.recordId },
      include: {
        events: { where: { memberId: null }, orderBy: { position: "asc" } },
        members: { orderBy: { position: "asc" }, include: { events: { orderBy: { position: "asc" } }, fuhyoEntries: { orderBy: { position: "asc" } } } },
      },
    });
    const chosen = (refs: string[] | "all" | undefined, fallback: string[]): string[] => {
      const ids = refs === undefined ? fallback : refs === "all" ? record.members.map((m) => m.id) : refs;
      if (ids.some((id) => !record.members.some((m) => m.id === id))) refuse("koseki_member_not_in_record");
      return ids;
    };
    switch (input.certificateType) {
      case "koseki-full":
        return buildKosekiDocument({ municipality, record, variant: "full", issuance, now });
      case "koseki-individual":
        return buildKosekiDocument({ municipality, record, variant: "individual", memberIds: chosen(input.options.members, [a.koseki.memberId]), issuance, now });
      default:
        return buildFuhyoDocument({ municipality, record, members: record.members, memberIds: chosen((input.options as { members?: string[] | "all" }).members, record.members.map((m) => m.id)), issuance, now });
    }
  }
  const requester = a.requester;
  if (!requester) refuse("resident_not_found");
  const common = { municipality, household: a.household, householdAddress: requester.household.address, issuance, now };
  switch (input.certificateType) {
    case "residence":
      return buildResidenceDocument({ ...common, options: input.options, allowMyNumber: a.verdict.allowMyNumber });
    case "residence-entry":
      return buildResidenceEntryDocument({ ...common, options: input.options });
    case "seal": {
      const row = await tx.sealRegistration.findFirst({ where: { residentId: requester.id, status: "active" }, orderBy: { registeredOn: "desc" }, omit: { sealImage: true } });
      const registration = row ? { ...row, sealImage: (await readSealRegistrationImage(tx, row.id)) ?? new Uint8Array() } : null;
      return buildSealDocument({ municipality, requester, address: requester.household.address, registration, issuance, now });
    }
    case "tax-income":
    case "tax-assessment":
    case "tax-income-assessment": {
      const record = await tx.taxRecord.findUniqueOrThrow({ where: { residentId_fiscalYear: { residentId: requester.id, fiscalYear: input.options.fiscalYear } } });
      const variant = input.certificateType === "tax-income" ? "income" : input.certificateType === "tax-assessment" ? "assessment" : "income-assessment";
      return buildTaxDocument({ municipality, requester, address: requester.household.address, record, variant, issuance, now });
    }
  }
  throw new AppError("internal_error", "no builder for this certificate type");
}
