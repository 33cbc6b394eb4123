import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REFUSAL_MESSAGES } from "@/lib/refusal-reasons";
import type { ErrorCode } from "@/lib/error-codes";
import { parseSignatureHeaders, signRequest, verifySignature } from "./http-signatures";
import { buildOpenApiDocument, ERROR_CODES, ISSUANCE_SIGNING_EXAMPLE, SIGNING_EXAMPLE } from "./openapi";

const root = path.resolve(import.meta.dirname, "../..");
const apiMd = fs.readFileSync(path.join(root, "docs/api.md"), "utf8");

type Json = Record<string, unknown> & { $ref?: string };
const doc = buildOpenApiDocument() as unknown as {
  openapi: string;
  info: { description: string };
  paths: Record<string, { post: { operationId: string; parameters: Json[]; requestBody: Json; responses: Record<string, Json> } }>;
  components: { parameters: Record<string, { name: string; in: string; required: boolean }>; schemas: Record<string, Json> };
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The server code behind the kiosk API (the staff portal has its own codes, mapped to Japanese on its screens). */
const KIOSK_API_SOURCES = ["server/kiosk-protocol", "server/api-clients/authenticate-request.ts", "server/api-clients/authenticate-upload-request.ts", "server/http", "server/eligibility", "server/issuance", "server/certificates", "server/pdf", "server/fees", "server/service-calendar", "server/errors.ts", "app/api/kiosk", "server/koseki-registration/apply-at-kiosk.ts", "server/koseki-registration/intake.ts"];

/** Every literal error code the kiosk API can answer: AppError codes, the 401 helper, the signature check results. */
function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  const files = KIOSK_API_SOURCES.flatMap((p) => {
    const full = path.join(root, p);
    return fs.statSync(full).isDirectory() ? sourceFiles(full) : [full];
  }).filter((f) => !/server\/http\/(with-signed-upload|with-staff-route)\.ts$/.test(f));
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/new AppError\(\s*"([a-z0-9_]+)"/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\bunauthorized\(\s*"([a-z0-9_]+)"/g)) codes.add(m[1]);
  }
  const signatures = fs.readFileSync(path.join(root, "server/kiosk-protocol/http-signatures.ts"), "utf8");
  const checkType = /export type SignatureCheck[\s\S]*?;\n/.exec(signatures)?.[0] ?? "";
  for (const m of checkType.matchAll(/"(signature_[a-z_]+)"/g)) codes.add(m[1]);
  return codes;
}

/** The generic codes of server/errors.ts, documented with the kiosk codes (the staff-only codes have their own table). */
const GENERIC_CODES: ErrorCode[] = ["bad_request", "validation_failed", "unauthenticated", "forbidden", "not_found", "conflict", "rate_limited", "service_unavailable", "database_unavailable", "internal_error"];

const resolveParam = (p: Json) => (p.$ref ? doc.components.parameters[p.$ref.split("/").pop()!] : (p as unknown as { name: string; in: string; required: boolean }));

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the four signed operations", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.fromEntries(Object.entries(doc.paths).map(([p, item]) => [p, item.post.operationId]))).toEqual({
      "/api/kiosk/v1/eligibility": "checkEligibility",
      "/api/kiosk/v1/issuances": "issueCertificate",
      "/api/kiosk/v1/issuances/{id}/completion": "completeIssuance",
      "/api/kiosk/v1/koseki-registrations": "applyKosekiRegistration",
    });
    expect(buildOpenApiDocument()).toBe(buildOpenApiDocument());
  });

  it("requires the signature headers everywhere and the Idempotency-Key on issuances", () => {
    for (const [p, { post }] of Object.entries(doc.paths)) {
      const params = Object.fromEntries(post.parameters.map(resolveParam).map((x) => [x.name, x]));
      for (const name of ["Content-Digest", "Signature-Input", "Signature"]) expect(params[name], `${p} ${name}`).toMatchObject({ in: "header", required: true });
      expect(params["X-Clock-Override"]).toMatchObject({ in: "header", required: false });
      if (p.endsWith("/issuances")) expect(params["Idempotency-Key"]).toMatchObject({ in: "header", required: true });
      else expect(params["Idempotency-Key"]).toBeUndefined();
      expect(post.requestBody).toMatchObject({ required: true, content: { "application/json": { schema: { $ref: expect.stringMatching(/Request$/) } } } });
      expect(post.responses["200"]).toMatchObject({ content: { "application/json": { schema: { $ref: expect.stringMatching(/Response$/) } } } });
    }
    expect(doc.paths["/api/kiosk/v1/issuances/{id}/completion"].post.parameters.map(resolveParam)).toContainEqual(expect.objectContaining({ name: "id", in: "path", required: true }));
    expect(doc.paths["/api/kiosk/v1/issuances"].post.responses["200"]).toMatchObject({ headers: { "Idempotent-Replayed": expect.anything() } });
  });

  it("describes errors as problem+json for every error status", () => {
    const statuses = new Set<string>();
    for (const { post } of Object.values(doc.paths)) {
      for (const [status, response] of Object.entries(post.responses).filter(([s]) => s !== "200")) {
        statuses.add(status);
        expect(response).toMatchObject({ content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
      }
    }
    expect([...statuses].sort()).toEqual(["400", "401", "403", "404", "409", "410", "413", "415", "422", "500", "503"]);
    const problem = doc.components.schemas.Problem as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(problem.properties)).toEqual(expect.arrayContaining(["type", "title", "status", "code", "detail", "instance", "reason", "message", "errors"]));
    expect(problem.required).toEqual(expect.arrayContaining(["type", "title", "status", "code"]));
  });

  it("has only references that resolve", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    const components = doc.components as unknown as Record<string, Record<string, unknown>>;
    for (const [, kind, name] of refs) expect(components[kind]?.[name], `${kind}/${name}`).toBeDefined();
  });

  it("explains signing precisely, with a worked example that verifies", () => {
    const d = doc.info.description;
    for (const line of ['"@method": POST', '"@target-uri": <the full URL the client calls>', '"content-digest": <the Content-Digest header value>', '"@signature-params":']) expect(d).toContain(line);
    expect(d).toContain('("@method" "@target-uri" "content-digest");created=<created>;keyid="<keyid>";nonce="<nonce>";alg="hmac-sha256"');
    expect(d).toMatch(/300 seconds/);
    expect(d).toMatch(/single use/);
    expect(d).toContain(SIGNING_EXAMPLE.signatureBase);
    expect(d).toContain(`Signature: ${SIGNING_EXAMPLE.headers.Signature}`);
  });

  it("says the Idempotency-Key is a covered component, with an issuance example that verifies only with its key", () => {
    const d = doc.info.description;
    expect(d).toContain('("@method" "@target-uri" "content-digest" "idempotency-key")');
    expect(d).toContain('"idempotency-key": <the header value>');
    expect(d).toContain(ISSUANCE_SIGNING_EXAMPLE.signatureBase);
    expect(d).toContain(`Signature: ${ISSUANCE_SIGNING_EXAMPLE.headers.Signature}`);
    const key = doc.components.parameters.IdempotencyKey as unknown as { description: string };
    expect(key.description).toContain('"idempotency-key"');
    const ex = ISSUANCE_SIGNING_EXAMPLE;
    const parsed = parseSignatureHeaders(ex.headers["Signature-Input"], ex.headers.Signature);
    const req = { method: "POST", targetUri: ex.targetUri, contentDigest: ex.headers["Content-Digest"] };
    expect(verifySignature(parsed, { ...req, idempotencyKey: ex.idempotencyKey }, [ex.secret], ex.now)).toEqual({ ok: true });
    expect(verifySignature(parsed, { ...req, idempotencyKey: "another-key-0001" }, [ex.secret], ex.now)).toEqual({ ok: false, code: "signature_invalid" });
  });
});

describe("the eligibility answer's stop notices", () => {
  it("are an optional notices array of StopNotice on both certificate variants (backward compatible)", () => {
    const notice = doc.components.schemas.StopNotice as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(notice.properties)).toEqual(["kind", "inForce", "text", "startsAt", "endsAt"]);
    expect(notice.required).toEqual(["kind", "inForce", "text", "startsAt", "endsAt"]);
    const answer = doc.components.schemas.EligibilityResponse as { properties: { certificates: { items: { oneOf: Array<{ properties: Record<string, unknown>; required: string[] }> } } } };
    const variants = answer.properties.certificates.items.oneOf;
    expect(variants).toHaveLength(2);
    for (const v of variants) {
      expect(v.properties.notices).toMatchObject({ type: "array", items: { $ref: "#/components/schemas/StopNotice" } });
      expect(v.required).not.toContain("notices");
    }
  });
});

describe("docs/api.md", () => {
  it("lists every code the server throws and every refusal reason, with the server's status", () => {
    const catalogue = new Map<string, number>(ERROR_CODES.map((e) => [e.code, e.status]));
    const codes = new Set([...thrownCodes(), ...Object.keys(REFUSAL_MESSAGES), ...GENERIC_CODES]);
    expect(codes.size).toBeGreaterThan(50);
    const missingFromCatalogue = [...codes].filter((c) => !catalogue.has(c));
    expect(missingFromCatalogue, "codes missing from ERROR_CODES in server/kiosk-protocol/openapi.ts").toEqual([]);
    const missingFromDocs = [...catalogue].filter(([code, status]) => !apiMd.includes(`| \`${code}\` | ${status} |`)).map(([code]) => code);
    expect(missingFromDocs, "codes missing from the tables of docs/api.md (or with another status)").toEqual([]);
  });

  it("shows each refusal with its exact kiosk message", () => {
    for (const [code, message] of Object.entries(REFUSAL_MESSAGES)) {
      const row = apiMd.split("\n").find((l) => l.startsWith(`| \`${code}\` | 403 |`));
      expect(row, code).toContain(message);
    }
  });

  it("carries the worked signing example, and the example verifies", () => {
    // Fixed inputs, typed here independently of openapi.ts.
    const input = {
      method: "POST",
      targetUri: "https://shomei.example.jp/api/kiosk/v1/eligibility",
      body: '{"transactionId":"TX-20261127-0001","terminal":{"storeChain":"seven-eleven","storeCode":"123456","terminalId":"01"},"card":{"issuer":"JPKI","serial":"JPKI-131121-000001"},"municipalityCode":"131121","purpose":"residence"}',
      keyId: "demo-simulator",
      secret: "demo-simulator-secret-0123456789abcdef",
      now: new Date(1795741200 * 1000),
      nonce: "q8Zl2m0Xb1c4YwTt9v3kRg",
    };
    const headers = signRequest(input);
    expect(headers).toEqual(SIGNING_EXAMPLE.headers);
    for (const value of [input.body, input.nonce, String(1795741200), input.targetUri, input.secret, SIGNING_EXAMPLE.signatureBase]) expect(apiMd).toContain(value);
    for (const [name, value] of Object.entries(headers)) expect(apiMd).toContain(`${name}: ${value}`);
    const parsed = parseSignatureHeaders(headers["Signature-Input"], headers.Signature);
    expect(verifySignature(parsed, { method: "POST", targetUri: input.targetUri, contentDigest: headers["Content-Digest"] }, [input.secret], input.now)).toEqual({ ok: true });
  });

  it("carries the worked issuance example, whose signature covers the Idempotency-Key", () => {
    const input = {
      method: "POST",
      targetUri: "https://shomei.example.jp/api/kiosk/v1/issuances",
      body: '{"transactionId":"TX-20261127-0002","terminal":{"storeChain":"seven-eleven","storeCode":"123456","terminalId":"01"},"card":{"issuer":"JPKI","serial":"JPKI-131121-000001"},"municipalityCode":"131121","purpose":"residence","certificateType":"residence","copies":1}',
      keyId: "demo-simulator",
      secret: "demo-simulator-secret-0123456789abcdef",
      now: new Date(1795741200 * 1000),
      nonce: "Jm4k7Qe2VZ0pXc8sLr5tHw",
      idempotencyKey: "3f0c9a7e-5b1d-4c8e-9a2f-6d4b8e1c7a90",
    };
    const headers = signRequest(input);
    expect(headers).toEqual(ISSUANCE_SIGNING_EXAMPLE.headers);
    expect(apiMd).toContain(ISSUANCE_SIGNING_EXAMPLE.signatureBase);
    expect(apiMd).toContain(input.body);
    for (const [name, value] of Object.entries(headers)) expect(apiMd).toContain(`${name}: ${value}`);
    expect(apiMd).toContain('("@method" "@target-uri" "content-digest" "idempotency-key");created=<created>');
  });

  it("documents the eligibility answer's stop notices and their 7-day window", () => {
    for (const field of ["`notices[]`", "`{kind, inForce, text, startsAt, endsAt}`", "`planned_stop`", "`emergency_stop`", "next 7 days"]) expect(apiMd).toContain(field);
  });
});
