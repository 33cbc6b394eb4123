// The HTTP benchmark's data (scripts/lib/bench-data.ts, createHttpBenchData) serves what it promises at the
// benchmark's clock: every holder of every case is eligible for the case's type (and the memberRef given for
// `members: "requester"` is the eligibility answer's), and one certificate per case, issued through
// issueCertificate, has the expected page count, prints every name it must and no printable name it may not.
import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import type { RequestContext } from "@/server/context";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { ownerDb } from "@/tests/setup/owner-db";
import { createHttpBenchData, HTTP_BENCH_NOW, httpIssueBody } from "@/scripts/lib/bench-data";

afterAll(closeRenderPool);

describe("createHttpBenchData", () => {
  it("serves every case to many cardholders, with the promised pages and names", async () => {
    const data = await createHttpBenchData(ownerDb(), { runId: "t1", residents: 60 });
    expect(data.cases.map((c) => c.key)).toEqual(["residence-self", "residence-household", "seal", "tax-income-assessment", "koseki-full-3p", "koseki-full-10p"]);
    const client = await ownerDb().apiClient.findUniqueOrThrow({ where: { keyId: data.apiClient.keyId } });
    expect(client.scopes).toEqual(["kiosk_issuance"]);
    expect(data.apiClient.secret.length).toBeGreaterThanOrEqual(32);
    const ctx: RequestContext = { actor: { type: "api_client", id: client.id, municipalityId: null, scopes: client.scopes }, municipalityId: null, requestId: "bench-data" };

    for (const c of data.cases) {
      expect(new Set(c.holders.map((h) => h.card.serial)).size, c.key).toBeGreaterThanOrEqual(8);
      for (const h of c.holders) {
        expect(h.mustNames.every((n) => h.mayNames.includes(n) && data.printableNames.includes(n)), c.key).toBe(true);
        const answer = await checkEligibility({ ctx, input: { transactionId: "bench-data", terminal: { storeChain: "bench-mart", storeCode: "0001", terminalId: "T1" }, card: h.card, municipalityCode: h.municipalityCode, purpose: c.purpose }, now: HTTP_BENCH_NOW });
        const offered = answer.certificates.find((x) => x.type === c.certificateType);
        expect(offered?.available ? "available" : offered?.reason, `${c.key} for ${h.card.serial}`).toBe("available");
        if (c.purpose === "residence") expect(answer.householdMembers.find((m) => m.isRequester)?.memberRef).toBe(h.memberRef);
      }
    }

    const seen: string[] = [];
    for (const c of data.cases) {
      const h = c.holders[c.holders.length - 1];
      const input = ZIssueRequest.parse(httpIssueBody(c, h));
      const { response } = await issueCertificate({ ctx, input, idempotencyKey: `bench-data-${c.key}`, now: HTTP_BENCH_NOW });
      const pdf = Buffer.from(response.pdf, "base64");
      const pages = (await extractPdf(pdf)).pageTexts.map((p) => p.replace(/\s+/g, ""));
      seen.push(`${c.key}: ${response.pageCount} pages, ${pdf.length} bytes, characters per page ${pages.map((p) => p.length).join(" ")}`);
      expect(response.pageCount, c.key).toBe(c.expectedPages);
      const text = pages.join("");
      for (const name of h.mustNames) expect(text, `${c.key} must print ${name}`).toContain(name);
      const others = data.printableNames.filter((n) => !h.mayNames.includes(n) && text.includes(n));
      expect(others, `${c.key} prints names it may not`).toEqual([]);
    }
    if (process.env.BENCH_DATA_REPORT) console.log(seen.join("\n"));
  });
});
