// The rendered PDF kept until completion (Issuance.pdf) is encrypted at rest with the field keyring, bound to
// its issuance row: a database dump or backup shows no certificate, a replay of the same Idempotency-Key
// still returns the identical bytes, and a stored PDF copied onto another row does not decrypt there.
import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { decryptBytes, FieldContext } from "@/server/crypto/field-encryption";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { ownerDb } from "@/tests/setup/owner-db";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

afterAll(closeRenderPool);

const parse = (b: unknown) => ZIssueRequest.parse(b);
const storedPdf = async (id: string) => Buffer.from((await ownerDb().issuance.findUniqueOrThrow({ where: { id }, select: { pdf: true } })).pdf!);

describe("Issuance.pdf at rest", () => {
  it("stores no PDF and no name in the database, and the replay returns the identical plaintext", async () => {
    const m = await createServedMunicipality();
    const { card, head } = await createCardholder(m.id, { names: ["暗号花子"] });
    const name = `${head.familyName}${head.givenName}`;
    const { ctx } = await createApiClient();
    const body = parse(issueBody(m.code, card));
    const first = await issueCertificate({ ctx, input: body, idempotencyKey: "at-rest-0001", now: OPEN_AT });
    const plain = Buffer.from(first.response.pdf, "base64");
    // The answer is the certificate itself: a PDF naming the resident.
    expect(plain.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await extractPdf(plain)).pageTexts.join("")).toContain(name);

    const stored = await storedPdf(first.response.issuanceId);
    expect(stored.includes("%PDF")).toBe(false);
    for (const encoding of ["utf8", "utf16le"] as const) expect(stored.includes(Buffer.from(name, encoding))).toBe(false);
    expect(stored.includes(Buffer.from(name, "utf16le").swap16())).toBe(false);
    expect(stored.includes(plain.subarray(0, 64))).toBe(false);
    await expect(extractPdf(new Uint8Array(stored))).rejects.toThrow();
    // The hash stays that of the plaintext the kiosk prints.
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: first.response.issuanceId } });
    expect(row.pdfSha256).toBe(first.response.pdfSha256);
    expect(decryptBytes(stored, FieldContext.issuancePdf(row.id)).equals(plain)).toBe(true);

    const again = await issueCertificate({ ctx, input: body, idempotencyKey: "at-rest-0001", now: OPEN_AT });
    expect(again.replayed).toBe(true);
    expect(Buffer.from(again.response.pdf, "base64").equals(plain)).toBe(true);
    expect(JSON.stringify(again.response)).toBe(JSON.stringify(first.response));
  });

  it("refuses a stored PDF copied onto another issuance row (AAD bound to the issuance id)", async () => {
    const m = await createServedMunicipality();
    const a = await createCardholder(m.id, { names: ["甲太郎"] });
    const b = await createCardholder(m.id, { names: ["乙次郎"] });
    const { ctx } = await createApiClient();
    const bodyB = parse(issueBody(m.code, b.card));
    const issuedA = await issueCertificate({ ctx, input: parse(issueBody(m.code, a.card)), idempotencyKey: "at-rest-move-a", now: OPEN_AT });
    const issuedB = await issueCertificate({ ctx, input: bodyB, idempotencyKey: "at-rest-move-b", now: OPEN_AT });

    // Someone with write access to the table moves A's certificate onto B's row...
    await ownerDb().issuance.update({ where: { id: issuedB.response.issuanceId }, data: { pdf: new Uint8Array(await storedPdf(issuedA.response.issuanceId)) } });
    // ...B's replay does not hand out A's certificate: the envelope does not decrypt under B's id.
    await expect(issueCertificate({ ctx, input: bodyB, idempotencyKey: "at-rest-move-b", now: OPEN_AT })).rejects.toThrow(/authenticate/);
    // Nor does a plaintext PDF planted in the row pass as stored (no plaintext fallback).
    await ownerDb().issuance.update({ where: { id: issuedB.response.issuanceId }, data: { pdf: new Uint8Array(Buffer.from(issuedA.response.pdf, "base64")) } });
    await expect(issueCertificate({ ctx, input: bodyB, idempotencyKey: "at-rest-move-b", now: OPEN_AT })).rejects.toThrow(/unknown envelope format/);
  });
});
