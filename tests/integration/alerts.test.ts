// Alerts (docs/decisions/0016) against a real database, a real local SMTP server and a local HTTP receiver:
// each of the five triggers raises one alert (once per event), delivered by e-mail to every configured
// recipient and by a webhook signed with the municipality's secret (RFC 9421, verified here as a receiver
// would); a failing receiver is retried with backoff and finally marked failed; a tampered body fails the
// signature check; tenants see and receive only their own alerts; no personal data leaves in a payload.
import http from "node:http";
import type { AddressInfo } from "node:net";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_DELIVERY_QUEUE, OVERDUE_REGISTRATIONS_CRON, OVERDUE_REGISTRATIONS_QUEUE } from "@/lib/jobs";
import { alertOverdueRegistrations } from "@/server/alerts/alert-overdue-registrations";
import { deliverPendingAlerts, MAX_ALERT_ATTEMPTS } from "@/server/alerts/deliver-alerts";
import { listAlerts } from "@/server/alerts/list-alerts";
import { updateAlertSettings } from "@/server/alerts/update-alert-settings";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { reportSelfCheckFailure } from "@/server/issuance/report-self-check-failure";
import { startJobRunner, stopJobRunner } from "@/server/jobs/start-job-runner";
import { parseSignatureHeaders, verifyContentDigest, verifySignature } from "@/server/kiosk-protocol/http-signatures";
import { submitPreRegistration } from "@/server/koseki-registration/submit-pre-registration";
import { retryDelayMs } from "@/server/notices/deliver-notices";
import { ownerDb } from "@/tests/setup/owner-db";
import { createApiClient, createCardholder, OPEN_AT } from "../factories/issuance";
import { importText } from "../factories/imports";
import { createRegistration } from "../factories/koseki";
import { createKosekiMunicipality, preRegistrationForm, staffContext } from "../factories/koseki-registration";
import { createRenderedIssuance } from "../factories/usage";
import { startTestSmtp, type TestSmtp } from "../smtp";

type Received = { url: string; headers: http.IncomingHttpHeaders; body: string; verdict: string };

/** A webhook receiver as a municipality would run it: verifies the signature and answers `status()` to valid calls. */
async function startReceiver(secret: () => string, status: () => number = () => 204) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
      const verdict = verifyWebhook({ url, headers: req.headers, body }, secret(), clock);
      received.push({ url, headers: req.headers, body, verdict });
      res.statusCode = verdict === "ok" ? status() : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/konbini`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What docs/decisions/0016 tells a receiver to check: Content-Digest of the body, then the signature. */
function verifyWebhook(r: { url: string; headers: http.IncomingHttpHeaders; body: string }, secret: string, now: Date): string {
  const h = (n: string) => (typeof r.headers[n] === "string" ? (r.headers[n] as string) : null);
  if (!verifyContentDigest(h("content-digest"), r.body)) return "digest_mismatch";
  const parsed = parseSignatureHeaders(h("signature-input"), h("signature"));
  const check = verifySignature(parsed, { method: "POST", targetUri: r.url, contentDigest: h("content-digest")!, idempotencyKey: h("idempotency-key") }, [secret], now);
  return check.ok ? "ok" : check.code;
}

let smtp: TestSmtp;
/** The receiver's clock (the sender signs with the delivery pass's `now`). */
let clock = OPEN_AT;
/** After every trigger of the first test (the last centre failure is at OPEN_AT + 5 min). */
const DELIVER_AT = new Date(OPEN_AT.getTime() + 3600_000);
const mail = () => ({ url: smtp.url, from: "alerts@example.jp" });
const RECIPIENTS = ["joho@city.example.jp", "shimin@city.example.jp"];
/** What must never appear in an alert: the residents' and applicants' names, dates of birth and addresses. */
const PERSONAL = ["川村", "一郎", "カワムラ", "1980-04-01", "太子堂", "本町七番地"];

async function townWithAlerts(webhookUrl: string) {
  const town = await createKosekiMunicipality();
  const admin = await staffContext(town.id, "municipal_admin");
  const saved = await updateAlertSettings({ ctx: admin, input: { recipients: RECIPIENTS.join("\n"), webhookUrl, rotateSecret: false }, now: OPEN_AT });
  return { town, admin, secret: saved.secret! };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await stopJobRunner();
  await smtp?.close();
});

async function failCentreIssuances(municipalityId: string, n: number, at: Date) {
  const { card } = await createCardholder(municipalityId);
  const { client, ctx } = await createApiClient();
  for (let i = 0; i < n; i++) {
    const iss = await createRenderedIssuance({ municipalityId, cardCertificateId: card.id, apiClientId: client.id, renderedAt: at });
    await completeIssuance({ ctx, issuanceId: iss.id, input: { outcome: "failed", reason: "printer_jam" } as never, now: new Date(at.getTime() + i * 60_000) });
  }
}

describe("alerts", () => {
  it("each of the five triggers raises one alert, mailed to every recipient and sent to a verified webhook, with no personal data", async () => {
    let secret = "";
    const receiver = await startReceiver(() => secret);
    const t = await townWithAlerts(receiver.url);
    secret = t.secret;
    clock = DELIVER_AT;
    const m = t.town;

    // 1. centre failure reports: two stay under the threshold (3 in 60 minutes), the third raises the alert.
    await failCentreIssuances(m.id, 2, OPEN_AT);
    expect(await ownerDb().alert.count({ where: { municipalityId: m.id } })).toBe(0);
    await failCentreIssuances(m.id, 1, new Date(OPEN_AT.getTime() + 5 * 60_000));
    // 2. a self-check mismatch
    await reportSelfCheckFailure({ municipalityId: m.id, certificateType: "residence", failure: "name_mismatch", attemptedIssuanceId: crypto.randomUUID(), requestId: "req-1", now: OPEN_AT });
    // 3. a failed import
    const failed = await importText({ municipalityId: m.id, feed: "residents", text: "氏,名\n川村,一郎\n", now: OPEN_AT });
    expect(failed.status).toBe("failed");
    // 4. an overdue 利用登録 (pending, card-bound, due 2026-11-08)
    const { card } = await createCardholder(m.id);
    const overdue = await createRegistration(m.id, card, { status: "pending" });
    expect(await alertOverdueRegistrations({ now: OPEN_AT })).toEqual({ raised: 1 });
    // 5. a new 利用登録 application (web)
    const receipt = await submitPreRegistration({ input: preRegistrationForm(m.code), clientKey: "alerts-test", now: OPEN_AT });

    const alerts = await ownerDb().alert.findMany({ where: { municipalityId: m.id }, include: { deliveries: true }, orderBy: { createdAt: "asc" } });
    expect(alerts.map((a) => a.kind).sort()).toEqual(["centre_failures", "import_failed", "pdf_self_check_failed", "registration_overdue", "registration_received"]);
    for (const a of alerts) expect(a.deliveries.map((d) => `${d.channel}:${d.target}`).sort()).toEqual([...RECIPIENTS.map((r) => `email:${r}`), `webhook:${receiver.url}`]);
    const byKind = Object.fromEntries(alerts.map((a) => [a.kind, a.payload as Record<string, unknown>]));
    expect(byKind.centre_failures).toMatchObject({ failures: 3, threshold: 3, windowMinutes: 60 });
    expect(byKind.import_failed).toMatchObject({ importJobId: failed.jobId, feed: "residents" });
    expect(byKind.registration_overdue).toEqual({ registrationId: overdue.id, receiptNo: overdue.receiptNo, dueOn: "2026-11-08" });
    expect(byKind.registration_received).toMatchObject({ receiptNo: receipt.receiptNo, source: "web" });

    const result = await deliverPendingAlerts({ now: DELIVER_AT, config: mail() });
    expect(result).toEqual({ sent: 15, retrying: 0, failed: 0 });
    const mails = await smtp.waitFor(10);
    expect(mails).toHaveLength(10);
    expect(mails.flatMap((x) => x.envelopeTo).sort()).toEqual([...RECIPIENTS, ...RECIPIENTS, ...RECIPIENTS, ...RECIPIENTS, ...RECIPIENTS].sort());
    expect(mails.map((x) => x.subject)).toContain(`【コンビニ交付】利用登録の新しい申請: ${m.name}（${m.code}）`);
    expect(mails.find((x) => x.subject.includes("審査期限超過"))!.text).toContain(`受付番号: ${overdue.receiptNo}`);

    expect(receiver.received).toHaveLength(5);
    expect(receiver.received.map((r) => r.verdict)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { id: string; kind: string; municipalityCode: string });
    expect(bodies.map((b) => b.kind).sort()).toEqual(alerts.map((a) => a.kind).sort());
    expect(receiver.received.map((r) => r.headers["idempotency-key"]).sort()).toEqual(alerts.map((a) => a.id).sort());
    expect(bodies.every((b) => b.municipalityCode === m.code)).toBe(true);

    // Nothing personal in what left: payloads, webhook bodies, mails.
    const everything = [...alerts.map((a) => JSON.stringify(a.payload)), ...receiver.received.map((r) => r.body), ...mails.map((x) => x.text + x.subject)].join("\n");
    for (const p of PERSONAL) expect(everything, p).not.toContain(p);

    const states = await ownerDb().alertDelivery.findMany({ where: { municipalityId: m.id } });
    expect(states.every((d) => d.status === "sent" && d.attempts === 1 && d.sentAt !== null)).toBe(true);
    // A second pass has nothing to do.
    expect(await deliverPendingAlerts({ now: DELIVER_AT, config: mail() })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock = OPEN_AT;
    await receiver.close();
  }, 120_000);

  it("raises one alert per event: a second daily run, a repeated report and more failures in the window raise nothing new", async () => {
    const t = await townWithAlerts("");
    const m = t.town;
    const { card } = await createCardholder(m.id);
    await createRegistration(m.id, card, { status: "pending" });
    expect(await alertOverdueRegistrations({ now: OPEN_AT })).toEqual({ raised: 1 });
    expect(await alertOverdueRegistrations({ now: new Date(OPEN_AT.getTime() + 86_400_000) })).toEqual({ raised: 0 });
    await failCentreIssuances(m.id, 5, OPEN_AT);
    expect(await ownerDb().alert.count({ where: { municipalityId: m.id, kind: "centre_failures" } })).toBe(1);
    // After the window, three more failures alert again.
    await failCentreIssuances(m.id, 3, new Date(OPEN_AT.getTime() + 2 * 3600_000));
    expect(await ownerDb().alert.count({ where: { municipalityId: m.id, kind: "centre_failures" } })).toBe(2);
  }, 60_000);

  it("retries a failing receiver (500) with backoff and finally marks the delivery failed; mail recipients are not held back", async () => {
    let secret = "";
    const receiver = await startReceiver(() => secret, () => 500);
    const t = await townWithAlerts(receiver.url);
    secret = t.secret;
    const { card } = await createCardholder(t.town.id);
    await createRegistration(t.town.id, card, { status: "pending" });
    await alertOverdueRegistrations({ now: OPEN_AT });

    // Other tests' deliveries may be due too: this municipality's rows tell what happened.
    const rows = () => ownerDb().alertDelivery.findMany({ where: { municipalityId: t.town.id }, orderBy: [{ channel: "asc" }, { target: "asc" }] });
    const hook = () => ownerDb().alertDelivery.findFirstOrThrow({ where: { municipalityId: t.town.id, channel: "webhook" } });
    let now = OPEN_AT;
    await deliverPendingAlerts({ now, config: mail() });
    expect((await rows()).map((d) => [d.channel, d.status, d.attempts])).toEqual([["email", "sent", 1], ["email", "sent", 1], ["webhook", "pending", 1]]);
    expect(await hook()).toMatchObject({ status: "pending", attempts: 1, lastError: "http_500" });
    // Not due again before its backoff.
    clock = new Date(now.getTime() + retryDelayMs(1) - 1000);
    await deliverPendingAlerts({ now: clock, config: mail() });
    expect((await hook()).attempts).toBe(1);
    for (let attempt = 2; attempt <= MAX_ALERT_ATTEMPTS; attempt++) {
      now = new Date(now.getTime() + retryDelayMs(attempt - 1));
      clock = now;
      await deliverPendingAlerts({ now, config: mail() });
      expect(await hook()).toMatchObject({ attempts: attempt, status: attempt < MAX_ALERT_ATTEMPTS ? "pending" : "failed" });
    }
    clock = OPEN_AT;
    expect(await hook()).toMatchObject({ status: "failed", attempts: MAX_ALERT_ATTEMPTS, lastError: "http_500", sentAt: null });
    expect(receiver.received).toHaveLength(MAX_ALERT_ATTEMPTS);
    // Every retry is signed afresh and carries the same Idempotency-Key (the alert id).
    expect(receiver.received.every((r) => r.verdict === "ok")).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers["idempotency-key"])).size).toBe(1);

    const staff = await staffContext(t.town.id, "clerk");
    const list = await listAlerts({ ctx: staff, input: {} });
    expect(list.items[0].deliveries.map((d) => [d.channel, d.state])).toEqual([["email", "sent"], ["email", "sent"], ["webhook", "failed"]]);
    await receiver.close();
  }, 60_000);

  it("a receiver verifying signatures rejects a tampered body, a wrong secret and a stale timestamp", async () => {
    let secret = "";
    const receiver = await startReceiver(() => secret);
    const t = await townWithAlerts(receiver.url);
    secret = t.secret;
    await submitPreRegistration({ input: preRegistrationForm(t.town.code), clientKey: "alerts-tamper", now: OPEN_AT });
    await deliverPendingAlerts({ now: OPEN_AT, config: null });
    const [call] = receiver.received;
    expect(call.verdict).toBe("ok");
    const tampered = call.body.replace(/"source":"web"/, '"source":"kiosk"');
    expect(tampered).not.toBe(call.body);
    expect(verifyWebhook({ ...call, body: tampered }, secret, OPEN_AT)).toBe("digest_mismatch");
    // A tampered body with a recomputed digest still fails: the digest is signed.
    const { contentDigest } = await import("@/server/kiosk-protocol/http-signatures");
    expect(verifyWebhook({ ...call, body: tampered, headers: { ...call.headers, "content-digest": contentDigest(tampered) } }, secret, OPEN_AT)).toBe("signature_invalid");
    expect(verifyWebhook(call, "another-secret", OPEN_AT)).toBe("signature_invalid");
    expect(verifyWebhook(call, secret, new Date(OPEN_AT.getTime() + 10 * 60_000))).toBe("signature_expired");
    await receiver.close();
  }, 60_000);

  it("keeps tenants apart: a municipality's alerts reach only its recipients and only its staff see them", async () => {
    const a = await townWithAlerts("");
    const b = await townWithAlerts("");
    await ownerDb().alertSettings.update({ where: { municipalityId: b.town.id }, data: { recipients: ["other@town-b.example.jp"] } });
    await submitPreRegistration({ input: preRegistrationForm(a.town.code), clientKey: "alerts-tenant", now: OPEN_AT });
    const deliveries = await ownerDb().alertDelivery.findMany({ where: { alert: { municipalityId: a.town.id } } });
    expect(deliveries.map((d) => d.target).sort()).toEqual(RECIPIENTS);
    expect((await listAlerts({ ctx: a.admin, input: {} })).total).toBe(1);
    expect((await listAlerts({ ctx: b.admin, input: {} })).total).toBe(0);
    const operator = await staffContext(null, "operator");
    expect((await listAlerts({ ctx: operator, input: {} })).items.map((i) => i.municipality.code)).toContain(a.town.code);
  }, 60_000);

  it("settings: the municipal administrator only; https webhooks; a secret returned once and encrypted at rest", async () => {
    const town = await createKosekiMunicipality();
    const admin = await staffContext(town.id, "municipal_admin");
    const clerk = await staffContext(town.id, "clerk");
    const input = { recipients: "a@city.example.jp", webhookUrl: "https://hooks.city.example.jp/konbini", rotateSecret: false };
    await expect(updateAlertSettings({ ctx: clerk, input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateAlertSettings({ ctx: admin, input: { ...input, webhookUrl: "http://hooks.city.example.jp/x" } })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(updateAlertSettings({ ctx: admin, input: { ...input, recipients: "not-an-address" } })).rejects.toMatchObject({ code: "validation_failed" });
    const first = await updateAlertSettings({ ctx: admin, input });
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.keyId).toBe(`alerts-${town.code}`);
    const row = await ownerDb().alertSettings.findUniqueOrThrow({ where: { municipalityId: town.id } });
    expect(row.webhookSecretCipher).not.toContain(first.secret!);
    // Saving again keeps the secret (not shown again); rotating makes a new one.
    expect((await updateAlertSettings({ ctx: admin, input })).secret).toBeNull();
    const rotated = await updateAlertSettings({ ctx: admin, input: { ...input, rotateSecret: true } });
    expect(rotated.secret).not.toBe(first.secret);
    const audit = await ownerDb().auditEvent.findMany({ where: { municipalityId: town.id, action: "alert_settings.update" } });
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit.map((e) => e.details))).not.toContain("city.example.jp");
  });

  it("the pg-boss job delivers due alerts; the daily overdue scan is scheduled", async () => {
    const t = await townWithAlerts("");
    await submitPreRegistration({ input: preRegistrationForm(t.town.code), clientKey: "alerts-boss", now: OPEN_AT });
    const before = smtp.messages.length;
    process.env.SMTP_URL = smtp.url;
    try {
      const boss = await startJobRunner({ pollingIntervalSeconds: 0.5, signals: false });
      expect(boss).not.toBeNull();
      const schedules = await boss!.getSchedules();
      expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining([ALERT_DELIVERY_QUEUE, OVERDUE_REGISTRATIONS_QUEUE]));
      expect(schedules.find((s) => s.name === OVERDUE_REGISTRATIONS_QUEUE)).toMatchObject({ cron: OVERDUE_REGISTRATIONS_CRON, timezone: "Asia/Tokyo" });
      const jobId = await boss!.send(ALERT_DELIVERY_QUEUE, {});
      let job: PgBoss.JobWithMetadata | null = null;
      for (let i = 0; i < 60; i++) {
        job = await boss!.getJobById(ALERT_DELIVERY_QUEUE, jobId!);
        if (job && (job.state === "completed" || job.state === "failed")) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(job?.state).toBe("completed");
      await smtp.waitFor(before + 2);
      const sent = await ownerDb().alertDelivery.findMany({ where: { municipalityId: t.town.id } });
      expect(sent.map((d) => d.status)).toEqual(["sent", "sent"]);
    } finally {
      delete process.env.SMTP_URL;
      await stopJobRunner();
    }
  }, 90_000);
});

