// The 附票 and 支援措置 demo case end to end (docs/demo-data.md): on the seeded demo data, 桐山 修平
// (JPKI-131121-900015) is refused the 附票 of his 戸籍 because his wife 桐山 美咲 (JPKI-131121-900016), a member
// of the same 戸籍 living in her own household, is under a 支援措置; his 戸籍全部事項証明書 is still issued, and
// her own requests are refused. Through the same verbs the kiosk API calls, at a fixed instant.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalMessage, type RefusalCode } from "@/lib/refusal-reasons";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { seedDemoData } from "@/prisma/seed";
import type { RequestContext } from "@/server/context";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { extractPdf } from "@/server/pdf/render-certificate";
import { closeRenderPool, warmUpRenderPool } from "@/server/pdf/render-pool";
import { ownerDb } from "@/tests/setup/owner-db";

/** A Friday, 10:00 JST: inside every demo service window (世田谷区 has no separate 戸籍 hours). */
const NOW = new Date("2026-11-27T10:00:00+09:00");
const SETAGAYA = "131121";
const HIS = { issuer: "JPKI", serial: "JPKI-131121-900015" };
const HERS = { issuer: "JPKI", serial: "JPKI-131121-900016" };
type Card = typeof HIS;

let ctx: RequestContext;

const base = (card: Card, purpose: "residence" | "honseki") => ({
  transactionId: crypto.randomUUID(),
  terminal: { storeChain: "demo-mart", storeCode: "0001", terminalId: "T1" },
  card,
  municipalityCode: SETAGAYA,
  purpose,
});

async function reasons(card: Card, purpose: "residence" | "honseki") {
  const e = await checkEligibility({ ctx, input: base(card, purpose), now: NOW });
  return Object.fromEntries(e.certificates.map((c) => [c.type, c.available ? "ok" : c.reason]));
}

function issueHonseki(card: Card, certificateType: "koseki-full" | "koseki-individual" | "koseki-fuhyo", options: Record<string, unknown> = {}) {
  const input = ZIssueRequest.parse({ ...base(card, "honseki"), certificateType, copies: 1, options });
  return issueCertificate({ ctx, input, idempotencyKey: crypto.randomUUID(), now: NOW });
}

const refusal = (code: RefusalCode) => ({ code, status: 403, details: { reason: code, message: refusalMessage(code) } });

beforeAll(async () => {
  const db = ownerDb();
  // The seed day is the day of NOW, so the demo cards are valid then whatever day the test runs.
  expect((await seedDemoData(db, () => {}, { now: NOW })).created).toBe(true);
  // The simulator's API client, as the kiosk simulator signs its requests.
  const client = await db.apiClient.findUniqueOrThrow({ where: { keyId: "demo-simulator" } });
  ctx = { actor: { type: "api_client", id: client.id, municipalityId: client.municipalityId }, municipalityId: client.municipalityId, requestId: "demo-support-measure-fuhyo" };
  await warmUpRenderPool();
}, 180_000);
afterAll(closeRenderPool);

describe("the demo 附票 case (桐山 修平 and 桐山 美咲, one 戸籍 in 世田谷区)", () => {
  it("refuses him the 附票 (household_support_measure) and offers his 戸籍; his 住民票 is unaffected", async () => {
    expect(await reasons(HIS, "honseki")).toEqual({ "koseki-full": "ok", "koseki-individual": "ok", "koseki-fuhyo": "household_support_measure" });
    // She left his household: a 住民票 of his household shows no protected person.
    expect(await reasons(HIS, "residence")).toMatchObject({ residence: "ok", "residence-entry": "ok" });
  });

  it("refuses the 附票 at issuance, also for his own entry only, and issues his 戸籍全部事項証明書 without her address", async () => {
    await expect(issueHonseki(HIS, "koseki-fuhyo")).rejects.toMatchObject(refusal("household_support_measure"));
    const e = await checkEligibility({ ctx, input: base(HIS, "honseki"), now: NOW });
    const self = e.kosekiMembers.find((m) => m.isRequester)!;
    expect(e.kosekiMembers.map((m) => m.name)).toEqual(["桐山 修平", "桐山 美咲"]);
    await expect(issueHonseki(HIS, "koseki-fuhyo", { members: [self.memberRef] })).rejects.toMatchObject(refusal("household_support_measure"));

    const full = await issueHonseki(HIS, "koseki-full");
    expect(full.replayed).toBe(false);
    const text = (await extractPdf(Buffer.from(full.response.pdf, "base64"))).pageTexts.join("").replace(/\s+/g, "");
    expect(text).toContain("桐山");
    expect(text).toContain("美咲");
    // The 戸籍 prints the 本籍, never where a member lives.
    expect(text).not.toContain("祖師谷");
  });

  it("refuses her own requests with resident_support_measure, as 本籍地 and as 住所地", async () => {
    expect(new Set(Object.values(await reasons(HERS, "honseki")))).toEqual(new Set(["resident_support_measure"]));
    expect(new Set(Object.values(await reasons(HERS, "residence")))).toEqual(new Set(["resident_support_measure"]));
    await expect(issueHonseki(HERS, "koseki-fuhyo")).rejects.toMatchObject(refusal("resident_support_measure"));
  });

  it("keeps refusing his 附票 with either protection source alone: her 支援措置 through the link, or the 附票 feed's flag", async () => {
    const db = ownerDb();
    const she = (await db.cardCertificate.findFirstOrThrow({ where: { issuer: HERS.issuer, serial: HERS.serial } })).residentId;
    const hersLines = { member: { residentId: she } };
    const fuhyo = async () => (await reasons(HIS, "honseki"))["koseki-fuhyo"];

    // Only the 支援措置 (her resident row, linked on the register): the feed's flag lifted.
    expect((await db.fuhyoEntry.updateMany({ where: { ...hersLines, supportMeasure: true }, data: { supportMeasure: false } })).count).toBe(1);
    expect(await fuhyo()).toBe("household_support_measure");
    // Only the 附票 feed's flag, on her current line: the 支援措置 ended yesterday.
    const current = await db.fuhyoEntry.findFirstOrThrow({ where: hersLines, orderBy: { position: "desc" } });
    await db.fuhyoEntry.update({ where: { id: current.id }, data: { supportMeasure: true } });
    expect((await db.supportMeasure.updateMany({ where: { residentId: she }, data: { endsOn: new Date("2026-11-26") } })).count).toBe(1);
    expect(await fuhyo()).toBe("household_support_measure");
    // Neither: the 附票 is offered again.
    await db.fuhyoEntry.update({ where: { id: current.id }, data: { supportMeasure: false } });
    expect(await fuhyo()).toBe("ok");
  });
});
