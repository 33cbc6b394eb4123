// Key rotation of FIELD_ENCRYPTION_KEYS (server/crypto/reencrypt-fields.ts): data encrypted under key A in
// every encrypted column, the keyring switched to current B with A still present; the job interrupted after
// its first batch and run again ends with every envelope on B and the same plaintext, audited per batch with
// counts and key ids; a second full run does nothing; a value the app writes meanwhile is never overwritten;
// the CLI's dry run exits 0 only when nothing remains.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { decryptBytes, decryptField, encryptBytes, encryptField, FieldContext, parseKeyring } from "@/server/crypto/field-encryption";
import { countRemainingEnvelopes, ENCRYPTED_COLUMNS, reencryptFields } from "@/server/crypto/reencrypt-fields";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { createResident, createStaffUser } from "@/tests/factories";
import { createApiClient, createCardholder, createServedMunicipality } from "@/tests/factories/issuance";
import { createIssuanceRow } from "@/tests/factories/issuance-row";
import { createRegistration } from "@/tests/factories/koseki";
import { ownerDb } from "@/tests/setup/owner-db";
import { runScript } from "@/tests/run-script";

const specA = process.env.FIELD_ENCRYPTION_KEYS!; // "test1:…", the current key of the test setup
const KEY_A = process.env.FIELD_ENCRYPTION_KEY_ID!;
const KEY_B = "rotated2";
const specAB = `${specA},${KEY_B}:${crypto.randomBytes(32).toString("base64")}`;
const ringA = parseKeyring(specA, KEY_A);
const ringAB = parseKeyring(specAB, KEY_B);

/** A municipality with a value in every encrypted tenant column, all under key A. */
async function seedTown() {
  const db = ownerDb();
  const m = await createServedMunicipality();
  const holder = await createCardholder(m.id, { size: 3 });
  const enc = (plain: string, context: string) => encryptField(plain, context, ringA);
  const details = enc(JSON.stringify({ kind: "dv", note: `支援措置${m.code}` }), FieldContext.supportMeasure);
  await db.supportMeasure.create({ data: { municipalityId: m.id, residentId: holder.head.id, startsOn: new Date("2026-01-01"), detailsCipher: details.cipher, detailsKeyId: details.keyId } });
  const note = enc(`交付停止メモ${m.code}`, FieldContext.issuanceBlockNote);
  await db.issuanceBlock.create({ data: { municipalityId: m.id, residentId: holder.members[1].id, reason: "card_lost", setAt: new Date("2026-11-27T01:00:00Z"), noteCipher: note.cipher, noteKeyId: note.keyId } });
  const reg = await createRegistration(m.id, holder.card);
  await db.kosekiRegistration.update({ where: { id: reg.id }, data: { emailCipher: enc(`reg-${m.code}@example.jp`, FieldContext.registrationEmail).cipher } });
  await createStaffUser({ municipalityId: m.id, role: "clerk", mfaSecretCipher: enc(`TOTP${m.code}`, FieldContext.mfaSecret).cipher });
  const { client } = await createApiClient({ municipalityId: m.id, scopes: ["imports"] });
  await db.apiClient.update({ where: { id: client.id }, data: { previousSecretCipher: enc(`old-secret-${m.code}`, FieldContext.apiClientSecret).cipher } });
  await db.alertSettings.create({ data: { municipalityId: m.id, recipients: [], webhookUrl: "https://hooks.example.jp/a", webhookSecretCipher: enc(`hook-${m.code}`, FieldContext.alertWebhookSecret(m.id)).cipher } });
  const issuance = await createIssuanceRow({ m, holder, client });
  await db.issuance.update({ where: { id: issuance.id }, data: { pdf: encryptBytes(Buffer.from(`%PDF-1.7 ${m.code}`), FieldContext.issuancePdf(issuance.id), ringA).cipher } });
  return m;
}

type Envelope = { table: string; column: string; key: string; municipalityId: string | null; value: string | Uint8Array };

/** Every envelope in every encrypted column, read as the owner. */
async function envelopes(): Promise<Envelope[]> {
  const out: Envelope[] = [];
  for (const t of ENCRYPTED_COLUMNS) {
    const rows = await ownerDb().$queryRawUnsafe<{ key: string; municipalityId: string | null; value: string | Uint8Array }[]>(
      `SELECT "${t.rowKey}"::text AS key, "municipalityId"::text AS "municipalityId", "${t.column}" AS value FROM "${t.table}" WHERE "${t.column}" IS NOT NULL`,
    );
    out.push(...rows.map((r) => ({ table: t.table, column: t.column, ...r })));
  }
  return out;
}

const target = (e: Envelope) => ENCRYPTED_COLUMNS.find((t) => t.table === e.table && t.column === e.column)!;
const keyOf = (e: Envelope) => (typeof e.value === "string" ? e.value.split(".")[1] : Buffer.from(e.value.subarray(5, 5 + e.value[4])).toString("ascii"));
const plainOf = (e: Envelope, ring = ringAB) => {
  const context = target(e).context(e);
  return typeof e.value === "string" ? decryptField(e.value, context, ring) : decryptBytes(e.value, context, ring).toString("utf8");
};
const id = (e: { table: string; column: string; key: string }) => `${e.table}.${e.column}:${e.key}`;

const batchEvents = () => ownerDb().auditEvent.findMany({ where: { action: "field_encryption.reencrypted" }, orderBy: [{ chain: "asc" }, { seq: "asc" }] });

describe("field re-encryption after a key rotation", () => {
  it("covers every encrypted column: each *Cipher column of the schema and each FieldContext", async () => {
    const columns = await ownerDb().$queryRaw<{ t: string; c: string }[]>`
      SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name LIKE '%Cipher' ORDER BY 1, 2`;
    const covered = new Set(ENCRYPTED_COLUMNS.map((t) => `${t.table}.${t.column}`));
    expect(columns.map((r) => `${r.t}.${r.c}`).filter((c) => !covered.has(c))).toEqual([]);
    expect(covered.has("Issuance.pdf")).toBe(true); // the one binary envelope (encryptBytes)
    const row = { key: "00000000-0000-7000-8000-000000000001", municipalityId: "00000000-0000-7000-8000-000000000002" };
    const contexts = new Set(ENCRYPTED_COLUMNS.map((t) => t.context(row)));
    const declared = Object.values(FieldContext).map((c) => (typeof c === "function" ? c(c === FieldContext.issuancePdf ? row.key : row.municipalityId) : c));
    expect(declared.filter((c) => !contexts.has(c))).toEqual([]);
  });

  it("resumes after an interruption, ends with every envelope on the new key and the same plaintext, audited; a second run does nothing", async () => {
    const towns = [await seedTown(), await seedTown()];
    // Rows without a municipality (the "system" scope): an operator's TOTP secret and a centre client.
    await createStaffUser({ municipalityId: null, role: "operator", mfaSecretCipher: encryptField("TOTP-OPERATOR", FieldContext.mfaSecret, ringA).cipher });
    await createApiClient({ municipalityId: null });

    const before = await envelopes();
    for (const t of ENCRYPTED_COLUMNS) expect(before.some((e) => e.table === t.table && e.column === t.column), `${t.table}.${t.column} has data`).toBe(true);
    expect(before.every((e) => keyOf(e) === KEY_A)).toBe(true);
    const plain = new Map(before.map((e) => [id(e), plainOf(e, ringA)]));

    // Nothing is moved while A is still the current key.
    expect(await countRemainingEnvelopes(ringA)).toEqual([]);
    expect((await reencryptFields({ ring: ringA })).reencrypted).toBe(0);

    // Interrupted after the first batch (batch size 2).
    const first = await reencryptFields({ ring: ringAB, batchSize: 2, maxBatches: 1 });
    expect(first).toMatchObject({ complete: false, batches: 1, reencrypted: 2, currentKeyId: KEY_B });
    expect(await batchEvents()).toHaveLength(1);
    expect(await ownerDb().fieldReencryptionCheckpoint.count()).toBe(1);
    const remainingBefore = (await countRemainingEnvelopes(ringAB)).reduce((s, r) => s + r.count, 0);
    expect(remainingBefore).toBe(before.length - 2);

    // Between the runs the app writes a new 個人番号 for a resident still on A (an up-to-date node: key B).
    const stillOnA = (await envelopes()).find((e) => e.table === "Resident" && keyOf(e) === KEY_A && e.municipalityId === towns[1].id)!;
    const appValue = encryptField("999999999999", FieldContext.myNumber, ringAB);
    await ownerDb().resident.update({ where: { id: stillOnA.key }, data: { myNumberCipher: appValue.cipher, myNumberKeyId: appValue.keyId } });
    plain.set(id(stillOnA), "999999999999");

    const progress: number[] = [];
    const second = await reencryptFields({ ring: ringAB, batchSize: 2, onBatch: (p) => progress.push(p.rows) });
    expect(second.complete).toBe(true);
    expect(second.reencrypted).toBe(before.length - 2 - 1);
    expect(progress.reduce((a, b) => a + b, 0)).toBe(second.reencrypted);

    const after = await envelopes();
    expect(after).toHaveLength(before.length);
    for (const e of after) {
      expect(keyOf(e), id(e)).toBe(KEY_B);
      expect(plainOf(e), id(e)).toBe(plain.get(id(e)));
    }
    // The app's value is the app's: the very ciphertext it wrote.
    expect(after.find((e) => id(e) === id(stillOnA))!.value).toBe(appValue.cipher);
    // The key id columns follow the envelopes.
    for (const [table, column] of [["Resident", "myNumberKeyId"], ["SupportMeasure", "detailsKeyId"], ["IssuanceBlock", "noteKeyId"]]) {
      const ids = await ownerDb().$queryRawUnsafe<{ k: string }[]>(`SELECT DISTINCT "${column}" AS k FROM "${table}" WHERE "${column}" IS NOT NULL`);
      expect(ids.map((r) => r.k), `${table}.${column}`).toEqual([KEY_B]);
    }
    // A row a node could still decrypt with A only is gone: the keyring without A reads everything.
    const ringB = parseKeyring(specAB.split(",")[1], KEY_B);
    for (const e of after) expect(plainOf(e, ringB)).toBe(plain.get(id(e)));

    // Audited: one event per batch in the scope's chain, counts and key ids only, adding up to every envelope moved.
    const events = await batchEvents();
    expect(events).toHaveLength(first.batches + second.batches);
    const moved = events.reduce((s, e) => s + (e.details as { rows: number }).rows, 0);
    expect(moved).toBe(before.length - 1);
    for (const e of events) {
      const d = e.details as { table: string; column: string; toKeyId: string; fromKeyIds: Record<string, number>; rows: number };
      expect(Object.keys(d).sort()).toEqual(["column", "fromKeyIds", "rows", "table", "toKeyId"]);
      expect(d).toMatchObject({ toKeyId: KEY_B, fromKeyIds: { [KEY_A]: d.rows } });
      expect(e.actorType).toBe("system");
      expect(e.chain).toBe(e.municipalityId ?? "system");
    }
    expect(new Set(events.map((e) => e.chain))).toEqual(new Set([...towns.map((t) => t.id), "system"]));
    const systemRows = events.filter((e) => e.chain === "system").reduce((s, e) => s + (e.details as { rows: number }).rows, 0);
    expect(systemRows).toBe(before.filter((e) => e.municipalityId === null).length);
    const runs = await ownerDb().auditEvent.findMany({ where: { action: "field_encryption.reencryption_run" } });
    expect(runs.map((r) => (r.details as { complete: boolean; reencrypted: number }).complete)).toEqual([false, true]);
    for (const chain of [...towns.map((t) => t.id), "system"]) expect((await verifyAuditChain(ownerDb(), chain)).ok, chain).toBe(true);

    // Done: nothing remains, and a second full run (even ignoring the checkpoints) changes and records nothing.
    expect(await countRemainingEnvelopes(ringAB)).toEqual([]);
    const auditCount = await ownerDb().auditEvent.count();
    for (const restart of [false, true]) expect(await reencryptFields({ ring: ringAB, batchSize: 2, restart })).toMatchObject({ reencrypted: 0, batches: 0, complete: true });
    expect(await ownerDb().auditEvent.count()).toBe(auditCount);
    expect((await envelopes()).map((e) => e.value)).toEqual(after.map((e) => e.value));
  }, 120_000);

  it("does not overwrite a value the app commits while the job waits for the row", async () => {
    const m = await createServedMunicipality();
    const resident = await createResident(m.id, { myNumber: "111111111111" }); // under A
    const app = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await app.connect();
    try {
      // The app's transaction holds the row (an update in progress)...
      await app.query("BEGIN");
      await app.query(`SELECT 1 FROM "Resident" WHERE id = $1 FOR UPDATE`, [resident.id]);
      const job = reencryptFields({ ring: ringAB, lockTimeoutMs: 20_000 });
      // ...the job reaches the row and waits for it...
      await waitFor(async () => (await ownerDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`)[0].n > 0);
      // ...the app writes the new number (an up-to-date node: key B) and commits.
      const appValue = encryptField("222222222222", FieldContext.myNumber, ringAB);
      await app.query(`UPDATE "Resident" SET "myNumberCipher" = $1, "myNumberKeyId" = $2 WHERE id = $3`, [appValue.cipher, appValue.keyId, resident.id]);
      await app.query("COMMIT");
      await job;
      const row = await ownerDb().resident.findUniqueOrThrow({ where: { id: resident.id } });
      expect(decryptField(row.myNumberCipher!, FieldContext.myNumber, ringAB)).toBe("222222222222");
      expect(row.myNumberCipher).toBe(appValue.cipher);
    } finally {
      await app.end();
    }
  }, 60_000);

  it("npm run keys:reencrypt: the dry run counts per table and key id (exit 1), the run moves them, then the dry run exits 0", async () => {
    const m = await createServedMunicipality();
    await createResident(m.id); // under A
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reencrypt-cli-test-"));
    const env = {
      MIGRATION_DATABASE_URL: process.env.OWNER_DATABASE_URL!,
      DATABASE_URL: process.env.DATABASE_URL!,
      FIELD_ENCRYPTION_KEYS: specAB,
      FIELD_ENCRYPTION_KEY_ID: KEY_B,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET!,
      KONBINI_DATA_DIR: dir,
      LOG_LEVEL: "silent",
    };
    const cli = (args: string[]) => runScript("scripts/reencrypt-fields.ts", args, env, { serverOnly: true });
    try {
      const dry = await cli(["--dry-run"]);
      expect(dry.code, dry.out).toBe(1);
      expect(dry.out).toMatch(new RegExp(`Resident\\.myNumberCipher\\s+key ${KEY_A}\\s+1\\b`));
      const run = await cli(["--batch-size", "100"]);
      expect(run.code, run.out).toBe(0);
      expect(run.out).toContain("done: 1 envelopes");
      const verify = await cli(["--dry-run"]);
      expect(verify.code, verify.out).toBe(0);
      expect(verify.out).toContain(`nothing remains: every envelope is on key ${KEY_B}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
