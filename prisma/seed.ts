// Demo data: three municipalities (世田谷区, 松本市, 小布施町) with fictional residents, 戸籍, seals, tax
// records, cards, 利用登録 examples, staff accounts and the simulator's API client. docs/demo-data.md lists
// the demo cards and what a kiosk request with each should produce.
//
// Idempotent: when 世田谷区 (131121) exists nothing is written. Everything is written in one transaction,
// so a failed seed leaves nothing behind. The people are deterministic (prisma/seed-data/plan.ts); ids,
// ciphers and password hashes are not. 個人番号 exist in plaintext only in memory, never in the database.
import { hash } from "@node-rs/argon2";
import crypto from "node:crypto";
import os from "node:os";
import { encryptField, FieldContext } from "../server/crypto/field-encryption";
import type { Prisma, PrismaClient } from "../server/generated/prisma/client";
import { addDays, dateOnly, jst, todayJst, type Ymd } from "./seed-data/dates";
import { MUNICIPALITIES, MUNI_KEYS, type MuniKey } from "./seed-data/places";
import { ISSUER, buildPlan, type SeedPlan } from "./seed-data/plan";
import { createPersonalSealRenderer, renderOfficialSeal } from "./seed-data/seal-images";
import { demoRefusalRows } from "./seed-data/refusals";
import {
  DEMO_PASSWORD,
  DEMO_SIMULATOR_DEFAULT_SECRET,
  DEMO_SIMULATOR_KEY_ID,
  feesFor,
  offeringsFor,
  staffPlans,
  stopsFor,
  windowsFor,
} from "./seed-data/service-config";
import type { CardPlan, Person } from "./seed-data/types";
import { getEnv } from "../server/env";

export type SeedResult = { municipalities: number; residents: number; households: number; staff: number; created: boolean };

const ANCHOR_CODE = MUNICIPALITIES.setagaya.code;

/** UUIDv7 (time-ordered, like the schema's default), generated here because rows reference each other. */
function uuidv7(): string {
  const b = crypto.randomBytes(16);
  const ms = Date.now();
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A copy in a plain ArrayBuffer (what the Bytes columns accept). */
function bytes(b: Buffer): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(b.byteLength));
  out.set(b);
  return out;
}
const d = (ymd: Ymd) => dateOnly(ymd);
const dOrNull = (ymd: Ymd | null) => (ymd ? dateOnly(ymd) : null);
const json = (v: unknown) => v as Prisma.InputJsonValue;

async function counts(db: PrismaClient): Promise<Omit<SeedResult, "created">> {
  const [municipalities, residents, households, staff] = await Promise.all([
    db.municipality.count(),
    db.resident.count(),
    db.household.count(),
    db.staffUser.count(),
  ]);
  return { municipalities, residents, households, staff };
}

/** Builds every row (ids, ciphers, images, hashes) before the transaction opens, so it stays short. */
async function buildRows(plan: SeedPlan) {
  const muniId = Object.fromEntries(MUNI_KEYS.map((k) => [k, uuidv7()])) as Record<MuniKey, string>;
  const staff = staffPlans();
  const staffIds = new Map(staff.map((s) => [s.loginId, uuidv7()]));
  const hashes = await Promise.all(staff.map(() => hash(DEMO_PASSWORD)));

  const municipalities: Prisma.MunicipalityCreateManyInput[] = MUNI_KEYS.map((k) => {
    const m = MUNICIPALITIES[k];
    return {
      id: muniId[k],
      code: m.code,
      name: m.name,
      nameKana: m.nameKana,
      prefecture: m.prefecture,
      kind: m.kind,
      mayorTitle: m.mayorTitle,
      mayorName: m.mayorName,
      sealImage: bytes(renderOfficialSeal(m.sealText)),
      sealImageMime: "image/png",
      status: "active",
      ...m.settings,
    };
  });

  const staffUsers: Prisma.StaffUserCreateManyInput[] = staff.map((s, i) => ({
    id: staffIds.get(s.loginId)!,
    municipalityId: s.muni ? muniId[s.muni] : null,
    loginId: s.loginId,
    email: s.email,
    displayName: s.displayName,
    role: s.role,
    status: "active",
    passwordHash: hashes[i],
    // Enrolled as confirmMfaEnrolment leaves an account, with the published secret: `npm run demo:code`.
    mfaSecretCipher: encryptField(s.totpSecret, FieldContext.mfaSecret).cipher,
    mfaEnrolledAt: jst(plan.today),
  }));

  const offerings: Prisma.CertificateOfferingCreateManyInput[] = [];
  const fees: Prisma.FeeCreateManyInput[] = [];
  const windows: Prisma.ServiceWindowCreateManyInput[] = [];
  const stops: Prisma.ServiceStopCreateManyInput[] = [];
  for (const k of MUNI_KEYS) {
    const municipalityId = muniId[k];
    for (const o of offeringsFor(k)) offerings.push({ municipalityId, ...o, options: json(o.options) });
    for (const f of feesFor(k, plan.today)) fees.push({ municipalityId, ...f });
    for (const w of windowsFor(k)) windows.push({ municipalityId, ...w });
    for (const s of stopsFor(k, plan.today)) stops.push({ municipalityId, ...s, createdById: staffIds.get(`${MUNICIPALITIES[k].slug}-admin`) ?? null });
  }

  const secret = getEnv().DEMO_SIMULATOR_SECRET ?? DEMO_SIMULATOR_DEFAULT_SECRET;
  const apiClients: Prisma.ApiClientCreateManyInput[] = [
    // Only what the simulator and scripts/kiosk (conformance, load) call: the kiosk issuance API and the
    // kiosk-side 利用登録. No imports: a leaked demo secret must not be able to replace a municipality's data.
    { name: "キオスクシミュレーター", keyId: DEMO_SIMULATOR_KEY_ID, municipalityId: null, secretCipher: encryptField(secret, FieldContext.apiClientSecret).cipher, status: "active", scopes: ["kiosk_issuance", "koseki_intake"] },
  ];

  const householdId = new Map(plan.households.map((h) => [h, uuidv7()]));
  const households: Prisma.HouseholdCreateManyInput[] = plan.households.map((h) => ({
    id: householdId.get(h)!,
    municipalityId: muniId[h.muni],
    householdNo: h.householdNo,
    address: h.address,
  }));

  const residentId = new Map<Person, string>();
  const residents: Prisma.ResidentCreateManyInput[] = plan.residents.map((r) => {
    const id = uuidv7();
    residentId.set(r.person, id);
    const myNumber = encryptField(r.myNumber, FieldContext.myNumber);
    const p = r.person;
    return {
      id,
      municipalityId: muniId[r.muni],
      householdId: householdId.get(r.household)!,
      residentNo: r.residentNo,
      familyName: p.familyName,
      givenName: p.givenName,
      familyNameKana: p.familyNameKana,
      givenNameKana: p.givenNameKana,
      alias: r.alias,
      dateOfBirth: d(p.dob),
      sex: p.sex,
      isHouseholdHead: r.isHouseholdHead,
      relationship: r.relationship,
      nationality: r.nationality,
      residenceCardNo: r.residenceCardNo,
      residenceStatus: r.residenceStatus,
      residencePeriodEnd: dOrNull(r.residencePeriodEnd),
      honseki: r.honseki,
      kosekiHeadName: r.kosekiHeadName,
      becameResidentOn: d(r.becameResidentOn),
      addressSetOn: d(r.addressSetOn),
      addressSetReason: r.addressSetReason,
      notifiedOn: d(r.notifiedOn),
      previousAddress: r.previousAddress,
      myNumberCipher: myNumber.cipher,
      myNumberKeyId: myNumber.keyId,
      status: r.status,
      movedOutOn: dOrNull(r.movedOutOn),
      moveOutPlannedOn: dOrNull(r.moveOutPlannedOn),
      deceasedOn: dOrNull(r.deceasedOn),
      gaijiPending: r.gaijiPending,
      adultWard: r.adultWard,
    };
  });

  const supportMeasures: Prisma.SupportMeasureCreateManyInput[] = plan.supportMeasures.map((s) => {
    const details = encryptField(JSON.stringify(s.details), FieldContext.supportMeasure);
    return {
      municipalityId: muniId[s.resident.muni],
      residentId: residentId.get(s.resident.person)!,
      startsOn: d(s.startsOn),
      endsOn: dOrNull(s.endsOn),
      detailsCipher: details.cipher,
      detailsKeyId: details.keyId,
    };
  });

  const sealImage = createPersonalSealRenderer();
  const seals: Prisma.SealRegistrationCreateManyInput[] = plan.seals.map((s) => ({
    municipalityId: muniId[s.resident.muni],
    residentId: residentId.get(s.resident.person)!,
    registrationNo: s.registrationNo,
    status: s.status,
    registeredOn: d(s.registeredOn),
    abolishedOn: dOrNull(s.abolishedOn),
    sealImage: bytes(sealImage(s.resident.person.familyName)),
    sealImageMime: "image/png",
  }));

  const taxes: Prisma.TaxRecordCreateManyInput[] = plan.taxes.map((t) => ({
    municipalityId: muniId[t.resident.muni],
    residentId: residentId.get(t.resident.person)!,
    fiscalYear: t.fiscalYear,
    residentOnJan1: t.residentOnJan1,
    nonTaxable: t.nonTaxable,
    details: json(t.details),
    totalIncome: t.totalIncome,
    totalDeductions: t.totalDeductions,
    taxableIncome: t.taxableIncome,
    municipalTax: t.municipalTax,
    prefecturalTax: t.prefecturalTax,
    dependents: t.dependents,
  }));

  const kosekiRecords: Prisma.KosekiRecordCreateManyInput[] = [];
  const kosekiMembers: Prisma.KosekiMemberCreateManyInput[] = [];
  const kosekiEvents: Prisma.KosekiEventCreateManyInput[] = [];
  const fuhyoEntries: Prisma.FuhyoEntryCreateManyInput[] = [];
  const memberIds = new Map<object, string>();
  for (const rec of plan.koseki) {
    const recordId = uuidv7();
    const municipalityId = muniId[rec.muni];
    kosekiRecords.push({
      id: recordId,
      municipalityId,
      recordNo: rec.recordNo,
      kind: rec.kind,
      honseki: rec.honseki,
      headFamilyName: rec.head.familyName,
      headGivenName: rec.head.givenName,
      pendingFiling: rec.pendingFiling,
    });
    for (const e of rec.events) {
      kosekiEvents.push({ municipalityId, kosekiRecordId: recordId, memberId: null, position: e.position, kind: e.kind, eventDate: dOrNull(e.eventDate), fields: json(e.fields) });
    }
    for (const m of rec.members) {
      const memberId = uuidv7();
      memberIds.set(m, memberId);
      const p = m.person;
      kosekiMembers.push({
        id: memberId,
        municipalityId,
        kosekiRecordId: recordId,
        position: m.position,
        familyName: p.familyName,
        givenName: p.givenName,
        dateOfBirth: d(p.dob),
        sex: p.sex,
        fatherName: p.fatherName,
        motherName: p.motherName,
        relationship: m.relationship,
        spouseRole: m.spouseRole,
        removed: m.removed,
        residentId: m.resident ? residentId.get(m.resident.person)! : null,
      });
      for (const e of m.events) {
        kosekiEvents.push({ municipalityId, kosekiRecordId: recordId, memberId, position: e.position, kind: e.kind, eventDate: dOrNull(e.eventDate), fields: json(e.fields) });
      }
      m.fuhyo.forEach((f, i) =>
        fuhyoEntries.push({ municipalityId, kosekiRecordId: recordId, memberId, position: i + 1, address: f.address, addressSetOn: d(f.since), supportMeasure: f.supportMeasure ?? false }),
      );
    }
  }

  const card = (r: (typeof plan.residents)[number], c: CardPlan): Prisma.CardCertificateCreateManyInput => ({
    municipalityId: muniId[r.muni],
    residentId: residentId.get(r.person)!,
    serial: c.serial,
    issuer: ISSUER,
    kind: c.kind,
    status: c.status,
    validFrom: jst(c.validFrom),
    validUntil: jst(c.validUntil, 23, 59, 59),
    revokedAt: c.revokedOn ? jst(c.revokedOn, 10, 0) : null,
    cardIssuedOn: d(c.cardIssuedOn),
    pinChangedOn: dOrNull(c.pinChangedOn),
  });
  const cards: Prisma.CardCertificateCreateManyInput[] = plan.residents.flatMap((r) => [...(r.card ? [card(r, r.card)] : []), ...r.extraCards.map((c) => card(r, c))]);

  const registrations: Prisma.KosekiRegistrationCreateManyInput[] = plan.registrations.map((g) => {
    const p = g.resident.person;
    return {
      municipalityId: muniId[g.muni],
      receiptNo: g.receiptNo,
      status: g.status,
      source: g.source,
      cardIssuer: g.cardSerial ? ISSUER : null,
      cardSerial: g.cardSerial,
      applicantFamilyName: p.familyName,
      applicantGivenName: p.givenName,
      applicantFamilyNameKana: p.familyNameKana,
      applicantGivenNameKana: p.givenNameKana,
      applicantDateOfBirth: d(p.dob),
      currentAddress: g.resident.household.address,
      honseki: g.honseki,
      kosekiHeadName: g.kosekiHeadName,
      emailCipher: g.email ? encryptField(g.email, FieldContext.registrationEmail).cipher : null,
      consentAt: g.consentAt,
      kosekiMemberId: g.member ? memberIds.get(g.member.member)! : null,
      dueOn: d(g.dueOn),
      decidedAt: g.decidedAt,
      decidedById: g.decidedByLoginId ? staffIds.get(g.decidedByLoginId)! : null,
      rejectReasonCode: g.rejectReasonCode,
      decisionNote: g.decisionNote,
    };
  });

  const notices = plan.registrations.flatMap((g) =>
    g.notice
      ? [{ receiptNo: g.receiptNo, municipalityId: muniId[g.muni], kind: g.notice.kind, status: g.notice.status, attempts: g.notice.status === "sent" ? 1 : 0, sentAt: g.notice.status === "sent" && g.decidedAt ? new Date(g.decidedAt.getTime() + 60_000) : null }]
      : [],
  );

  // Demo refusals of the documented refusal cards (prisma/seed-data/refusals.ts): the cardholder of each card.
  const refusals = demoRefusalRows(plan, plan.today, muniId, (muni, serial) => {
    const holder = plan.residents.find((r) => r.muni === muni && r.demo?.serial === serial);
    return holder ? (residentId.get(holder.person) ?? null) : null;
  });
  const { mayorTerms, officialSeals } = mayorAndSealHistory(municipalities, plan.today);

  return {
    mayorTerms,
    officialSeals,
    notices,
    municipalities,
    staffUsers,
    offerings,
    fees,
    windows,
    stops,
    apiClients,
    households,
    residents,
    supportMeasures,
    seals,
    taxes,
    kosekiRecords,
    kosekiMembers,
    kosekiEvents,
    fuhyoEntries,
    cards,
    registrations,
    refusals,
  };
}

/**
 * The mayor and 公印 history (docs/decisions/0015): what each municipality prints from the history's start
 * (as the migration's backfill writes it), and for 松本市 a fictional new mayor and 公印 from 30 days after the
 * seed day, so the history page shows an entry 予定 and a certificate previewed from that day prints them.
 */
function mayorAndSealHistory(municipalities: Prisma.MunicipalityCreateManyInput[], today: Ymd) {
  const start = dateOnly("1900-01-01");
  const sealRow = (municipalityId: string, effectiveFrom: Date, image: Uint8Array<ArrayBuffer>): Prisma.OfficialSealCreateManyInput => {
    const png = Buffer.from(image);
    return { municipalityId, effectiveFrom, image, sha256: crypto.createHash("sha256").update(png).digest("hex"), bytes: png.byteLength, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  };
  const mayorTerms: Prisma.MayorTermCreateManyInput[] = municipalities.map((m) => ({ municipalityId: (m.id as string), effectiveFrom: start, mayorTitle: m.mayorTitle as string, mayorName: m.mayorName as string }));
  const officialSeals = municipalities.map((m) => sealRow((m.id as string), start, m.sealImage as Uint8Array<ArrayBuffer>));
  const matsumoto = municipalities.find((m) => m.code === MUNICIPALITIES.matsumoto.code)!;
  const next = dateOnly(addDays(today, 30));
  mayorTerms.push({ municipalityId: (matsumoto.id as string), effectiveFrom: next, mayorTitle: MUNICIPALITIES.matsumoto.mayorTitle, mayorName: "新井 美咲" });
  officialSeals.push(sealRow((matsumoto.id as string), next, bytes(renderOfficialSeal("松本市長印"))));
  return { mayorTerms, officialSeals };
}

/**
 * Alerts (docs/decisions/0016): 松本市 sends its alerts to one (fictional) address and a webhook; the web
 * pre-registration RDEM-2026-0005 raised an alert whose mail was sent and whose webhook failed after its retries.
 */
async function seedDemoAlerts(tx: Prisma.TransactionClient, registrations: Prisma.KosekiRegistrationCreateManyInput[], registrationIds: Map<string, string>) {
  const r = registrations.find((g) => g.receiptNo === "RDEM-2026-0005");
  if (!r) return;
  const municipalityId = r.municipalityId;
  const at = new Date(r.consentAt);
  const webhookUrl = "https://hooks.matsumoto.example.jp/konbini";
  const secret = encryptField(crypto.randomBytes(32).toString("base64url"), FieldContext.alertWebhookSecret(municipalityId)).cipher;
  await tx.alertSettings.create({ data: { municipalityId, recipients: ["koseki-kakari@matsumoto.example.jp"], webhookUrl, webhookSecretCipher: secret, updatedAt: at } });
  const alert = await tx.alert.create({
    data: {
      municipalityId,
      kind: "registration_received",
      dedupeKey: `registration_received:${registrationIds.get(r.receiptNo)}`,
      payload: { registrationId: registrationIds.get(r.receiptNo)!, receiptNo: r.receiptNo, source: "web", dueOn: new Date(r.dueOn).toISOString().slice(0, 10) },
      createdAt: at,
    },
  });
  await tx.alertDelivery.createMany({
    data: [
      { municipalityId, alertId: alert.id, channel: "email", target: "koseki-kakari@matsumoto.example.jp", status: "sent", attempts: 1, sentAt: new Date(at.getTime() + 60_000), createdAt: at, nextAttemptAt: at },
      { municipalityId, alertId: alert.id, channel: "webhook", target: webhookUrl, status: "failed", attempts: 6, lastError: "http_503", createdAt: at, nextAttemptAt: at },
    ],
  });
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

export async function seedDemoData(
  db: PrismaClient,
  log: (s: string) => void = () => {},
  options: { now?: Date } = {},
): Promise<SeedResult> {
  const started = Date.now();
  if (await db.municipality.findUnique({ where: { code: ANCHOR_CODE }, select: { id: true } })) {
    log(`[seed] demo data already present (municipality ${ANCHOR_CODE}); nothing written`);
    return { ...(await counts(db)), created: false };
  }
  // The history (docs/demo-data.md) runs server code (the statistics, the reports): dynamic imports. Its monthly
  // reports are drawn in the PDF worker threads, which boot (seconds of CPU each) on the other cores while the
  // rest of the demo data is prepared and written.
  const [{ buildIssuanceHistory }, historyWriter] = await Promise.all([import("./seed-data/history"), import("./seed-data/history-writer")]);
  historyWriter.startReportRenderers();
  const today = todayJst(options.now);
  const plan = buildPlan(today);
  const rows = await buildRows(plan);
  log(`[seed] prepared ${rows.residents.length} residents, ${rows.kosekiRecords.length} 戸籍 for ${today} in ${Date.now() - started} ms`);
  const historyStarted = Date.now();
  const historyCpu = process.cpuUsage();
  const history = buildIssuanceHistory(plan);
  const historyPlanMs = Date.now() - historyStarted;
  let historyWriteMs = 0;

  let created: boolean;
  try {
    created = await db.$transaction(
      async (tx) => {
        // A concurrent seed may have won the race since the check above.
        if (await tx.municipality.findUnique({ where: { code: ANCHOR_CODE }, select: { id: true } })) return false;
        await tx.municipality.createMany({ data: rows.municipalities });
        await tx.mayorTerm.createMany({ data: rows.mayorTerms });
        await tx.officialSeal.createMany({ data: rows.officialSeals });
        await tx.staffUser.createMany({ data: rows.staffUsers });
        await tx.certificateOffering.createMany({ data: rows.offerings });
        await tx.fee.createMany({ data: rows.fees });
        await tx.serviceWindow.createMany({ data: rows.windows });
        await tx.serviceStop.createMany({ data: rows.stops });
        await tx.apiClient.createMany({ data: rows.apiClients });
        await tx.household.createMany({ data: rows.households });
        await tx.resident.createMany({ data: rows.residents });
        await tx.supportMeasure.createMany({ data: rows.supportMeasures });
        await tx.sealRegistration.createMany({ data: rows.seals });
        await tx.taxRecord.createMany({ data: rows.taxes });
        await tx.kosekiRecord.createMany({ data: rows.kosekiRecords });
        await tx.kosekiMember.createMany({ data: rows.kosekiMembers });
        await tx.kosekiEvent.createMany({ data: rows.kosekiEvents });
        await tx.fuhyoEntry.createMany({ data: rows.fuhyoEntries });
        await tx.cardCertificate.createMany({ data: rows.cards });
        await tx.kosekiRegistration.createMany({ data: rows.registrations });
        const registrationIds = new Map((await tx.kosekiRegistration.findMany({ select: { id: true, receiptNo: true } })).map((r) => [r.receiptNo, r.id]));
        await tx.registrationNotice.createMany({ data: rows.notices.map(({ receiptNo, ...n }) => ({ ...n, registrationId: registrationIds.get(receiptNo)! })) });
        // Municipal settings (docs/decisions/0014): 小布施町 has a scheduled change (its name field gets a second
        // line 30 days after the seed day) and a closure day of its own (a system changeover 40 days after it).
        const obuse = await tx.municipality.findUniqueOrThrow({ where: { code: "205419" } });
        await tx.issuanceSettingsVersion.create({
          data: { municipalityId: obuse.id, effectiveFrom: jst(addDays(today, 30)), usableFromNextDay: obuse.usableFromNextDay, nameMaxLength: obuse.nameMaxLength, nameMaxLines: 2, addressMaxLength: obuse.addressMaxLength, addressMaxLines: obuse.addressMaxLines, excludeAdultWards: obuse.excludeAdultWards },
        });
        await tx.localClosureDay.create({ data: { municipalityId: obuse.id, day: dateOnly(addDays(today, 40)), reason: "システム更新のため" } });
        await tx.refusal.createMany({ data: rows.refusals });
        await seedDemoAlerts(tx, rows.registrations, registrationIds);
        const written = Date.now();
        await historyWriter.writeIssuanceHistory(tx, history);
        historyWriteMs = Date.now() - written;
        await seedDemoIncident(tx);
        return true;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    created = false; // another process seeded at the same moment; its data stands
  }
  if (created) {
    const d = await historyWriter.deriveHistoryStatistics(history);
    const cpu = process.cpuUsage(historyCpu);
    log(
      `[seed] issuance history ${history.from}..${history.to}: ${history.issuances.length} issuances planned in ${historyPlanMs} ms and written in ${historyWriteMs} ms; ` +
        `rollups of ${history.months.length} months (${d.hourlyRows} hourly, ${d.dailyRows} daily rows) in ${d.rollupMs} ms (${d.rollupCpuMs} ms CPU); ${d.reports} monthly reports in ${d.reportMs} ms (${d.reportCpuMs} ms CPU); ` +
        `${historyPlanMs + historyWriteMs + d.rollupMs + d.reportMs} ms in all ` +
        `(${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU in this process with the rest of the seed, load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs)`,
    );
  }
  const result = { ...(await counts(db)), created };
  log(
    created
      ? `[seed] demo data written in ${Date.now() - started} ms: ${result.municipalities} municipalities, ${result.households} households, ${result.residents} residents, ${result.staff} staff`
      : "[seed] demo data written concurrently by another process; nothing written",
  );
  return result;
}

/**
 * One open incident of 世田谷区 with the two latest printed history issuances listed as affected (fictional), so
 * that the incident detail and its report for the prefecture (PDF, CSV) show something on demo data; acting on
 * it (対応中にする, 無効にする, クローズ) adds to the report's timeline.
 */
async function seedDemoIncident(tx: Prisma.TransactionClient): Promise<void> {
  const m = await tx.municipality.findUniqueOrThrow({ where: { code: ANCHOR_CODE }, select: { id: true } });
  const affected = await tx.issuance.findMany({ where: { municipalityId: m.id, status: "printed" }, orderBy: { renderedAt: "desc" }, take: 2, select: { id: true, renderedAt: true } });
  if (!affected.length) return;
  const openedAt = new Date(affected[0].renderedAt.getTime() + 60 * 60 * 1000);
  const incident = await tx.incident.create({
    data: {
      municipalityId: m.id,
      kind: "centre_error",
      severity: "high",
      summary: "（デモ）交付センターから、端末の設定誤りにより別の請求の証明書が印刷された可能性があるとの報告",
      details: { source: "demo-seed" },
      openedAt,
    },
    select: { id: true },
  });
  await tx.incidentIssuance.createMany({ data: affected.map((i) => ({ incidentId: incident.id, issuanceId: i.id, municipalityId: m.id, addedAt: openedAt })) });
}
