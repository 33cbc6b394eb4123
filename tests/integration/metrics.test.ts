// GET /api/metrics: who may read it (nothing configured → 404; METRICS_TOKEN as a bearer token, compared in
// constant time; METRICS_ALLOWED_ADDRESSES with the client address as TRUSTED_PROXY_HOPS resolves it), and what
// the exposition holds after real work against PostgreSQL: an issuance, a refused issuance, an eligibility
// answer, a gate rejection, a failed import, pending alert deliveries of two municipalities — with codes in the
// labels and never a person, a municipality or an id.
import crypto from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as metricsGet } from "@/app/api/metrics/route";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { parseEnv } from "@/server/env";
import { checkProductionSettings } from "@/server/startup/production-readiness";
import { AdmissionGate } from "@/server/issuance/admission";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { ownerDb } from "@/tests/setup/owner-db";
import { createAlert } from "../factories/alerts";
import { importText, residentRow, RESIDENT_KEYS, toCsv } from "../factories/imports";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

const TOKEN = "metrics-test-token-0123456789abcdef0123456789";
const SETTINGS = ["METRICS_TOKEN", "METRICS_ALLOWED_ADDRESSES", "TRUSTED_PROXY_HOPS"] as const;

afterAll(closeRenderPool);
beforeEach(() => {
  for (const s of SETTINGS) delete process.env[s];
});
afterEach(() => {
  for (const s of SETTINGS) delete process.env[s];
  vi.restoreAllMocks();
});

function scrape(headers: Record<string, string> = {}): Promise<Response> {
  return metricsGet(new Request("http://localhost/api/metrics", { headers }));
}

async function problemCode(res: Response): Promise<string> {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return ((await res.json()) as { code: string }).code;
}

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition. */
function samples(text: string): Sample[] {
  return text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a sample line: ${l}`);
      const labels = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

/** The value of the one sample with this name and these labels (0 when absent). */
function valueOf(list: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = list.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length);
  expect(found.length, `${name}${JSON.stringify(labels)} twice`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

async function readSamples(): Promise<Sample[]> {
  process.env.METRICS_TOKEN = TOKEN;
  const res = await scrape({ authorization: `Bearer ${TOKEN}` });
  expect(res.status).toBe(200);
  return samples(await res.text());
}

describe("GET /api/metrics access", () => {
  it("answers 404 not_found while neither a token nor an address list is configured", async () => {
    const res = await scrape({ authorization: `Bearer ${TOKEN}`, "x-forwarded-for": "127.0.0.1" });
    expect(res.status).toBe(404);
    expect(await problemCode(res)).toBe("not_found");
  });

  it("with METRICS_TOKEN: the right bearer token reads (compared in constant time), none or another gets 401 metrics_token_invalid", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const compare = vi.spyOn(crypto, "timingSafeEqual");
    const ok = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(compare).toHaveBeenCalled();
    for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }, { authorization: `Basic ${TOKEN}` }, { authorization: TOKEN }]) {
      const res = await scrape(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await problemCode(res)).toBe("metrics_token_invalid");
    }
  });

  it("with METRICS_ALLOWED_ADDRESSES: the client address behind TRUSTED_PROXY_HOPS decides; a client-written X-Forwarded-For entry does not", async () => {
    process.env.METRICS_ALLOWED_ADDRESSES = "10.0.0.0/8, 192.0.2.7, fd00::/8";
    process.env.TRUSTED_PROXY_HOPS = "1";
    // nginx appends the address it saw: the rightmost entry is the client.
    expect((await scrape({ "x-forwarded-for": "203.0.113.9, 10.1.2.3" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "192.0.2.7" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "fd12:3456::1" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "::ffff:10.9.9.9" })).status).toBe(200);
    for (const xff of ["10.1.2.3, 203.0.113.9", "192.0.2.8", "fe80::1", ""]) {
      const res = await scrape({ "x-forwarded-for": xff });
      expect(res.status, xff).toBe(403);
      expect(await problemCode(res)).toBe("metrics_address_not_allowed");
    }
    // Without a trusted proxy the headers are not read at all: the socket address decides (none here).
    process.env.TRUSTED_PROXY_HOPS = "0";
    expect((await scrape({ "x-forwarded-for": "10.1.2.3" })).status).toBe(403);
  });

  it("with both: an allowed address needs no token; elsewhere the token is asked for (401)", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    process.env.METRICS_ALLOWED_ADDRESSES = "10.0.0.0/8";
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect((await scrape({ "x-forwarded-for": "10.0.0.5" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    const res = await scrape({ "x-forwarded-for": "203.0.113.9", authorization: "Bearer wrong" });
    expect(res.status).toBe(401);
    expect(await problemCode(res)).toBe("metrics_token_invalid");
  });

  it("refuses an invalid address list or token at start, by the variable's name", () => {
    expect(() => parseEnv({ METRICS_ALLOWED_ADDRESSES: "10.0.0.0/33" })).toThrow(/METRICS_ALLOWED_ADDRESSES must be a comma-separated list of IP addresses and CIDR ranges \(got "10.0.0.0\/33"\)/);
    expect(() => parseEnv({ METRICS_ALLOWED_ADDRESSES: "127.0.0.1, localhost" })).toThrow(/METRICS_ALLOWED_ADDRESSES .*\(got "localhost"\)/);
    expect(() => parseEnv({ METRICS_TOKEN: "has space" })).toThrow(/METRICS_TOKEN must be a bearer token/);
    expect(() => parseEnv({ METRICS_TOKEN: "has space" })).not.toThrow(/has space/);
    expect(parseEnv({ METRICS_ALLOWED_ADDRESSES: " 10.0.0.0/8 ,::1" }).METRICS_ALLOWED_ADDRESSES).toEqual([
      { address: "10.0.0.0", prefix: 8, family: "ipv4" },
      { address: "::1", prefix: 128, family: "ipv6" },
    ]);
  });
});

describe("production start", () => {
  it("refuses a METRICS_TOKEN shorter than 32 characters outside demo mode", () => {
    const named = (token: string | undefined) => checkProductionSettings({ METRICS_TOKEN: token }).filter((p) => p.setting === "METRICS_TOKEN");
    expect(named("0123456789abcdef0123456789abcde")).toEqual([{ setting: "METRICS_TOKEN", message: expect.stringContaining("shorter than 32 characters") }]);
    expect(named("0123456789abcdef0123456789abcde")[0].message).not.toContain("0123456789");
    expect(named("0123456789abcdef0123456789abcdef")).toEqual([]);
    expect(named(undefined)).toEqual([]);
  });
});

describe("the exposition", () => {
  it("counts issuances by type and outcome, refusals by code and source, eligibility, gate rejections, imports, pools and pending notices", async () => {
    const before = await readSamples();
    const m = await createServedMunicipality();
    const holder = await createCardholder(m.id);
    const { ctx } = await createApiClient();
    const parse = (b: unknown) => ZIssueRequest.parse(b);

    // An issuance, its replay, and a refused 印鑑登録証明書 (no registration).
    const body = parse(issueBody(m.code, holder.card));
    await issueCertificate({ ctx, input: body, idempotencyKey: "metrics-issue-1", now: OPEN_AT, receivedAt: Date.now() });
    await issueCertificate({ ctx, input: body, idempotencyKey: "metrics-issue-1", now: OPEN_AT });
    await expect(issueCertificate({ ctx, input: parse(issueBody(m.code, holder.card, "seal")), idempotencyKey: "metrics-issue-2", now: OPEN_AT })).rejects.toMatchObject({ code: "seal_not_registered" });
    // An eligibility answer: it records a refusal for the seal certificate too.
    await checkEligibility({ ctx, input: { transactionId: "metrics-tx", terminal: { storeChain: "test-mart", storeCode: "0001", terminalId: "T1" }, card: holder.card, municipalityCode: m.code, purpose: "residence" }, now: OPEN_AT });
    // A full gate: the second issuance is turned away at once.
    const gate = new AdmissionGate(1, 0);
    const release = await gate.enter(new AbortController().signal);
    await expect(gate.enter(new AbortController().signal)).rejects.toMatchObject({ code: "server_busy" });
    release();
    // A failed import (an invalid row): nothing imported, counted by feed and code.
    const bad = await importText({ municipalityId: m.id, feed: "residents", format: "csv", text: toCsv(RESIDENT_KEYS, [residentRow({ dateOfBirth: "1980-13-45" })]) });
    expect(bad.status).toBe("failed");
    // Pending alert deliveries in two municipalities: the gauge counts across tenants.
    const other = await createServedMunicipality();
    await createAlert(m.id, "import_failed", { feed: "residents" }, [{ channel: "email", target: "a@example.jp", status: "pending", attempts: 0 }]);
    await createAlert(other.id, "import_failed", { feed: "residents" }, [
      { channel: "email", target: "b@example.jp", status: "pending", attempts: 0 },
      { channel: "email", target: "c@example.jp", status: "sent", attempts: 1 },
    ]);

    process.env.METRICS_TOKEN = TOKEN;
    const res = await scrape({ authorization: `Bearer ${TOKEN}` });
    const text = await res.text();
    const after = samples(text);
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(delta("konbini_issuance_duration_seconds_count", { type: "residence", outcome: "issued" })).toBe(1);
    expect(delta("konbini_issuance_duration_seconds_count", { type: "residence", outcome: "replay" })).toBe(1);
    expect(delta("konbini_issuance_duration_seconds_count", { type: "seal", outcome: "refused" })).toBe(1);
    expect(delta("konbini_issuance_duration_seconds_bucket", { type: "residence", outcome: "issued", le: "+Inf" })).toBe(1);
    expect(valueOf(after, "konbini_issuance_duration_seconds_sum", { type: "residence", outcome: "issued" })).toBeGreaterThan(0);
    expect(delta("konbini_refusals_total", { code: "seal_not_registered", source: "issuance" })).toBe(1);
    expect(delta("konbini_refusals_total", { code: "seal_not_registered", source: "eligibility" })).toBe(1);
    expect(delta("konbini_eligibility_duration_seconds_count", { outcome: "answered" })).toBe(1);
    expect(delta("konbini_issuance_admission_rejections_total", { code: "server_busy" })).toBe(1);
    expect(delta("konbini_import_duration_seconds_count", { feed: "residents", outcome: "failed" })).toBe(1);
    expect(delta("konbini_import_failures_total", { feed: "residents", code: "import_rejected" })).toBe(1);
    // Gauges read at scrape time.
    expect(valueOf(after, "konbini_notices_pending", { kind: "alert" })).toBe(await ownerDb().alertDelivery.count({ where: { status: "pending" } }));
    expect(valueOf(after, "konbini_notices_pending", { kind: "alert" })).toBeGreaterThanOrEqual(2);
    expect(after.some((s) => s.name === "konbini_notices_pending" && s.labels.kind === "registration")).toBe(true);
    expect(valueOf(after, "konbini_render_pool_threads")).toBeGreaterThanOrEqual(1);
    expect(after.some((s) => s.name === "konbini_render_pool_busy_threads")).toBe(true);
    expect(after.some((s) => s.name === "konbini_render_pool_queued_tasks")).toBe(true);
    expect(valueOf(after, "konbini_db_pool_clients")).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, "konbini_db_pool_max_clients")).toBeGreaterThanOrEqual(1);
    expect(after.some((s) => s.name === "konbini_db_pool_idle_clients")).toBe(true);
    expect(after.some((s) => s.name === "konbini_db_pool_waiting_requests")).toBe(true);
    expect(after.some((s) => s.name === "konbini_issuance_admission_queued")).toBe(true);
    expect(valueOf(after, "konbini_issuance_admission_capacity")).toBeGreaterThanOrEqual(1);
    // prom-client's process metrics, with the prefix.
    expect(after.some((s) => s.name === "konbini_process_cpu_seconds_total")).toBe(true);
    expect(after.some((s) => s.name.startsWith("konbini_nodejs_eventloop_lag"))).toBe(true);
    // Every metric carries the prefix, and no label holds a person, a municipality, a card or an id.
    expect(after.filter((s) => !s.name.startsWith("konbini_"))).toEqual([]);
    const labelNames = new Set(after.flatMap((s) => Object.keys(s.labels)));
    for (const l of labelNames) expect(["type", "outcome", "code", "source", "feed", "kind", "le", "version", "major", "minor", "patch", "space"]).toContain(l);
    for (const secret of [m.id, m.code, other.id, holder.card.serial, holder.head.id, holder.head.familyName, ctx.actor.id, "metrics-issue-1"]) expect(text).not.toContain(secret);
  });
});
