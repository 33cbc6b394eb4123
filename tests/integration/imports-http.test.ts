// The three ways in: the signed import API (real Request objects through the route handler), and the
// portal's verbs with staff contexts — tenant isolation for both.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { POST as importPost } from "@/app/api/imports/v1/[feed]/route";
import { ZProblem } from "@/lib/schemas/kiosk-responses";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import { importFromPortal } from "@/server/imports/import-from-portal";
import { listImportJobs } from "@/server/imports/list-import-jobs";
import { runImport } from "@/server/imports/run-import";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { Readable } from "node:stream";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMunicipality, createStaffUser } from "../factories";
import { createApiClient } from "../factories/issuance";
import { RESIDENT_KEYS, residentRow, toCsv } from "../factories/imports";

const BASE = "http://localhost/api/imports/v1";

type Client = { keyId: string; secret: string };

function post(feed: string, query: string, body: Buffer, client: Client | null, opts: { tamper?: boolean } = {}) {
  const url = `${BASE}/${feed}?${query}`;
  const headers: Record<string, string> = { "Content-Type": "text/csv" };
  if (client) Object.assign(headers, signRequest({ method: "POST", targetUri: url, body, keyId: client.keyId, secret: client.secret }));
  const sent = opts.tamper ? Buffer.concat([body, Buffer.from("R9,x\r\n")]) : body;
  return importPost(new Request(url, { method: "POST", headers, body: new Uint8Array(sent) }), { params: Promise.resolve({ feed }) });
}

async function problem(res: Response, status: number, code: string) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const p = ZProblem.parse(await res.json());
  expect({ status: res.status, code: p.code }).toEqual({ status, code });
  return p as typeof p & Record<string, unknown>;
}

async function confinedClient(municipalityId: string | null) {
  const api = await createApiClient({ municipalityId });
  return { keyId: api.client.keyId, secret: api.secret };
}

describe("import API", () => {
  it("imports a signed Shift_JIS upload into the client's municipality", async () => {
    const m = await createMunicipality();
    const client = await confinedClient(m.id);
    const body = iconv.encode(toCsv(RESIDENT_KEYS, [residentRow({ familyName: "髙島" }), residentRow()]), "cp932");
    const res = await post("residents", "mode=full&format=csv&encoding=shift_jis&fileName=jumin.csv", body, client);
    expect(res.status).toBe(200);
    const job = await res.json();
    expect(job).toMatchObject({ status: "succeeded", feed: "residents", mode: "full", rowsInserted: 2, fileName: "jumin.csv" });
    expect(await ownerDb().resident.count({ where: { municipalityId: m.id, familyName: "髙島" } })).toBe(1);
    expect(await ownerDb().importJob.findUniqueOrThrow({ where: { id: job.jobId } })).toMatchObject({ source: "api" });
  });

  it("answers 422 with the job and line-numbered errors when a row is bad, importing nothing", async () => {
    const m = await createMunicipality();
    const client = await confinedClient(m.id);
    const body = Buffer.from(toCsv(RESIDENT_KEYS, [residentRow(), residentRow({ sex: "不明" })]));
    const p = await problem(await post("residents", "mode=full", body, client), 422, "import_rejected");
    expect((p.job as { errors: unknown[] }).errors).toEqual([{ line: 3, column: "性別", message: "男・女（または 1・2） のいずれかを入力してください。" }]);
    expect(await ownerDb().resident.count({ where: { municipalityId: m.id } })).toBe(0);
  });

  it("refuses an unsigned request, a client not confined to a municipality, another municipality, and a body that does not match its digest", async () => {
    const m = await createMunicipality();
    const other = await createMunicipality();
    const body = Buffer.from(toCsv(RESIDENT_KEYS, [residentRow()]));
    await problem(await post("residents", "mode=full", body, null), 401, "signature_missing");
    await problem(await post("residents", "mode=full", body, await confinedClient(null)), 403, "client_not_confined");
    const client = await confinedClient(m.id);
    await problem(await post("residents", `mode=full&municipality=${other.code}`, body, client), 403, "client_not_allowed");
    await problem(await post("residents", "mode=full", body, client, { tamper: true }), 400, "content_digest_mismatch");
    await problem(await post("changes", "mode=full", body, client), 422, "validation_failed");
    await problem(await post("nonsense", "mode=full", body, client), 422, "validation_failed");
    expect(await ownerDb().resident.count({ where: { municipalityId: { in: [m.id, other.id] } } })).toBe(0);
  });
});

describe("portal imports", () => {
  const staffCtx = (user: { id: string; role: "operator" | "municipal_admin" | "clerk"; municipalityId: string | null }): RequestContext => ({
    actor: { type: "staff", id: user.id, role: user.role, municipalityId: user.municipalityId },
    municipalityId: user.municipalityId,
    requestId: "t",
  });

  async function spool(text: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-test-"));
    const file = path.join(dir, "f.csv");
    fs.writeFileSync(file, text);
    return file;
  }

  it("a municipal administrator imports into their own municipality only", async () => {
    const a = await createMunicipality();
    const b = await createMunicipality();
    const admin = await createStaffUser({ role: "municipal_admin", municipalityId: a.id });
    const ctx = staffCtx({ id: admin.id, role: "municipal_admin", municipalityId: a.id });
    const file = await spool(toCsv(RESIDENT_KEYS, [residentRow()]));
    const job = await importFromPortal({ ctx, query: new URLSearchParams({ feed: "residents", mode: "full" }), filePath: file });
    expect(job).toMatchObject({ status: "succeeded", rowsInserted: 1 });
    expect(await ownerDb().importJob.findUniqueOrThrow({ where: { id: job.jobId } })).toMatchObject({ municipalityId: a.id, source: "portal", createdById: admin.id });
    await expect(importFromPortal({ ctx, query: new URLSearchParams({ feed: "residents", mode: "full", municipalityId: b.id }), filePath: file })).rejects.toMatchObject({ code: "forbidden" });
    // The engine refuses it too, whoever calls it.
    await expect(runImport({ ctx, municipalityId: b.id, feed: "residents", mode: "full", source: "portal", input: Readable.from([fs.readFileSync(file)]) })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().resident.count({ where: { municipalityId: b.id } })).toBe(0);
    // The job list shows a's jobs only.
    const page = await listImportJobs({ ctx, municipalityCode: b.code });
    expect(page.selected?.id).toBe(a.id);
    expect(page.jobs.map((j) => j.jobId)).toEqual([job.jobId]);
  });

  it("an operator must choose the municipality; a clerk may not import", async () => {
    const a = await createMunicipality();
    const operator = await createStaffUser({ role: "operator" });
    const ctx = staffCtx({ id: operator.id, role: "operator", municipalityId: null });
    const file = await spool(toCsv(RESIDENT_KEYS, [residentRow()]));
    await expect(importFromPortal({ ctx, query: new URLSearchParams({ feed: "residents", mode: "full" }), filePath: file })).rejects.toMatchObject({ code: "municipality_required" });
    const job = await importFromPortal({ ctx, query: new URLSearchParams({ feed: "residents", mode: "full", municipalityId: a.id }), filePath: file });
    expect(job.status).toBe("succeeded");
    expect((await listImportJobs({ ctx, municipalityCode: a.code })).jobs[0].jobId).toBe(job.jobId);
    expect((await listImportJobs({ ctx })).jobs).toEqual([]);

    const clerk = await createStaffUser({ role: "clerk", municipalityId: a.id });
    await expect(
      importFromPortal({ ctx: staffCtx({ id: clerk.id, role: "clerk", municipalityId: a.id }), query: new URLSearchParams({ feed: "residents", mode: "full" }), filePath: file }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
