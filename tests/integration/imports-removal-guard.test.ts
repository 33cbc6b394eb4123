// The full-load removal guard (docs/import-formats.md §2): a full file that would remove more than the
// municipality's share of what is there is refused with its counts and nothing written, unless confirmed —
// through the engine, the signed API (confirmRemovals=1) and the command line (--confirm-removals).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as importPost } from "@/app/api/imports/v1/[feed]/route";
import { ZProblem } from "@/lib/schemas/kiosk-responses";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { ownerDb } from "@/tests/setup/owner-db";
import { runScript } from "@/tests/run-script";
import { createMunicipality } from "../factories";
import { createApiClient } from "../factories/issuance";
import { importText, RESIDENT_KEYS, residentRow, toCsv, type Row } from "../factories/imports";


/** A municipality with `n` residents (a first full load: nothing to remove, never refused). */
async function withResidents(n: number, overrides: Parameters<typeof createMunicipality>[0] = {}) {
  const m = await createMunicipality(overrides);
  const rows: Row[] = Array.from({ length: n }, () => residentRow());
  expect(await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows) })).toMatchObject({ status: "succeeded", rowsInserted: n });
  return { m, rows };
}

const activeCount = (municipalityId: string) => ownerDb().resident.count({ where: { municipalityId, status: "active" } });

describe("full-load removal guard (engine)", () => {
  it("refuses a full load that would remove more than 5 %, with its counts, writing nothing", async () => {
    const { m, rows } = await withResidents(20);
    // 18 of 20 (10 % removed), and one of the kept rows changed: that change must not be written either.
    const kept = rows.slice(0, 18).map((r, i) => (i === 0 ? { ...r, givenName: "変更" } : r));
    const result = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, kept) });
    expect(result).toMatchObject({
      status: "failed",
      errorCode: "removal_share_exceeded",
      removalCheck: { current: 20, rowsInFile: 18, removed: 2, sharePercent: 10, limitPercent: 5 },
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsRemoved: 0,
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain("現在の住民20人のうち2人（10%）が転出扱いになります（ファイルの行数18）。上限の5%を超える");
    expect(await activeCount(m.id)).toBe(20);
    expect(await ownerDb().resident.count({ where: { municipalityId: m.id, givenName: "変更" } })).toBe(0);
    // Recorded on the job, with one import.failed audit event carrying the counts.
    const job = await ownerDb().importJob.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(job).toMatchObject({ status: "failed", errorCode: "removal_share_exceeded", errorDetails: { current: 20, rowsInFile: 18, removed: 2, sharePercent: 10, limitPercent: 5 } });
    expect(job.finishedAt).not.toBeNull();
    const audit = await ownerDb().auditEvent.findMany({ where: { targetId: result.jobId } });
    expect(audit.map((a) => a.action)).toEqual(["import.failed"]);
    expect(audit[0].details).toMatchObject({ errorCode: "removal_share_exceeded", current: 20, removed: 2 });
  });

  it("imports the same file when the removals are confirmed, and audits the confirmation", async () => {
    const { m, rows } = await withResidents(20);
    const result = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows.slice(0, 18)), confirmRemovals: true });
    expect(result).toMatchObject({ status: "succeeded", rowsRemoved: 2, errorCode: null, removalCheck: null });
    expect(await activeCount(m.id)).toBe(18);
    const audit = await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: result.jobId, action: "import.succeeded" } });
    expect(audit.details).toMatchObject({ removed: 2, removalsConfirmed: { current: 20, removed: 2, sharePercent: 10, limitPercent: 5 } });
  });

  it("accepts a full load at or below the share, and follows the municipality's own limit", async () => {
    const { m, rows } = await withResidents(20);
    // 1 of 20 = exactly 5 %: not more than the limit.
    expect(await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows.slice(0, 19)) })).toMatchObject({ status: "succeeded", rowsRemoved: 1 });
    // A municipality that allows 20 %: 3 of 19 (15.8 %) passes; one that allows 0 % refuses any removal.
    const loose = await withResidents(19, { importRemovalLimitPercent: 20 });
    expect(await importText({ municipalityId: loose.m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, loose.rows.slice(3)) })).toMatchObject({ status: "succeeded", rowsRemoved: 3 });
    const strict = await withResidents(3, { importRemovalLimitPercent: 0 });
    expect(await importText({ municipalityId: strict.m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, strict.rows) })).toMatchObject({ status: "succeeded", rowsRemoved: 0 });
    expect(await importText({ municipalityId: strict.m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, strict.rows.slice(1)) })).toMatchObject({
      status: "failed",
      removalCheck: { current: 3, removed: 1, limitPercent: 0 },
    });
  });

  it("never refuses a delta load, whatever it removes", async () => {
    const { m, rows } = await withResidents(10);
    const removeHalf = toCsv(["op", "residentNo"], rows.slice(0, 5).map((r) => ({ op: "remove", residentNo: r.residentNo })));
    expect(await importText({ municipalityId: m.id, feed: "residents", mode: "delta", text: removeHalf })).toMatchObject({ status: "succeeded", rowsRemoved: 5, errorCode: null });
    expect(await activeCount(m.id)).toBe(5);
  });

  it("guards the other full feeds that remove rows (card certificates: revocation)", async () => {
    const { m, rows } = await withResidents(4);
    const cols = ["serial", "residentNo", "validFrom", "validUntil", "cardIssuedOn"];
    const card = (i: number) => ({ serial: `G${m.code}${i}`, residentNo: rows[i].residentNo, validFrom: "2025-01-01T00:00:00+09:00", validUntil: "2030-01-01T00:00:00+09:00", cardIssuedOn: "2025-01-01" });
    expect(await importText({ municipalityId: m.id, feed: "card_certificates", text: toCsv(cols, [0, 1, 2, 3].map(card)) })).toMatchObject({ status: "succeeded", rowsInserted: 4 });
    const refused = await importText({ municipalityId: m.id, feed: "card_certificates", text: toCsv(cols, [card(0)]) });
    expect(refused).toMatchObject({ status: "failed", errorCode: "removal_share_exceeded", removalCheck: { current: 4, rowsInFile: 1, removed: 3, sharePercent: 75 } });
    expect(refused.errors[0].message).toContain("現在の有効な電子証明書4件のうち3件（75%）が失効扱いになります");
    expect(await ownerDb().cardCertificate.count({ where: { municipalityId: m.id, status: "revoked" } })).toBe(0);
  });
});

describe("full-load removal guard (API and command line)", () => {
  it("answers 422 removal_share_exceeded with the counts, and imports with confirmRemovals=1", async () => {
    const { m, rows } = await withResidents(10);
    const api = await createApiClient({ municipalityId: m.id });
    const body = Buffer.from(toCsv(RESIDENT_KEYS, rows.slice(0, 8)));
    const post = (query: string) => {
      const url = `http://localhost/api/imports/v1/residents?${query}`;
      const headers = { "Content-Type": "text/csv", ...signRequest({ method: "POST", targetUri: url, body, keyId: api.client.keyId, secret: api.secret }) };
      return importPost(new Request(url, { method: "POST", headers, body: new Uint8Array(body) }), { params: Promise.resolve({ feed: "residents" }) });
    };
    const refused = await post("mode=full");
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const p = (await refused.json()) as Record<string, unknown>;
    expect(ZProblem.parse(p).code).toBe("removal_share_exceeded");
    expect(p.removalCheck).toEqual({ current: 10, rowsInFile: 8, removed: 2, sharePercent: 20, limitPercent: 5 });
    expect(p.job).toMatchObject({ status: "failed", errorCode: "removal_share_exceeded" });
    expect(await activeCount(m.id)).toBe(10);

    const bad = await post("mode=full&confirmRemovals=yes");
    expect(bad.status).toBe(422);
    expect(ZProblem.parse(await bad.json()).code).toBe("validation_failed");

    const ok = await post("mode=full&confirmRemovals=1");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "succeeded", rowsRemoved: 2 });
    expect(await activeCount(m.id)).toBe(8);
  });

  it("npm run import refuses without --confirm-removals (exit 1, counts printed) and imports with it", async () => {
    const { m, rows } = await withResidents(10);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-cli-test-"));
    const file = path.join(dir, "jumin.csv");
    fs.writeFileSync(file, toCsv(RESIDENT_KEYS, rows.slice(0, 7)));
    const env = {
      MIGRATION_DATABASE_URL: process.env.OWNER_DATABASE_URL!,
      DATABASE_URL: process.env.DATABASE_URL!,
      FIELD_ENCRYPTION_KEYS: process.env.FIELD_ENCRYPTION_KEYS!,
      FIELD_ENCRYPTION_KEY_ID: process.env.FIELD_ENCRYPTION_KEY_ID!,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET!,
      KONBINI_DATA_DIR: dir,
      LOG_LEVEL: "silent",
    };
    try {
      const refused = await runCli(["--municipality", m.code, "--feed", "residents", file], env);
      expect(refused.code, refused.out).toBe(1);
      expect(refused.out).toContain("現在の住民10人のうち3人（30%）が転出扱いになります（ファイルの行数7）");
      expect(await activeCount(m.id)).toBe(10);
      const jobs = await ownerDb().importJob.findMany({ where: { municipalityId: m.id, source: "cli", errorCode: "removal_share_exceeded" } });
      expect(jobs).toHaveLength(1);

      const confirmed = await runCli(["--municipality", m.code, "--feed", "residents", "--confirm-removals", file], env);
      expect(confirmed.code, confirmed.out).toBe(0);
      expect(await activeCount(m.id)).toBe(7);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** scripts/import.ts as `npm run import` runs it (node with the server-only hook and tsx). */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return runScript("scripts/import.ts", args, env, { serverOnly: true });
}
