// The HTTP benchmark's data (scripts/lib/bench-data.ts, createHttpBenchData) issues what it promises: one
// certificate per case through issueCertificate at the benchmark's clock, with the expected page count, every
// name it must print, and no printable name it may not.
import { afterAll, describe, expect, it } from "vitest";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import type { RequestContext } from "@/server/context";
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
    for (const c of data.cases) expect(c.holders.length, c.key).toBeGreaterThanOrEqual(8);
    const serials = data.cases.flatMap((c) => c.holders.map((h) => h.card.serial));
    expect(new Set(data.cases.find((c) => c.key === "koseki-full-10p")!.holders.map((h) => h.card.serial)).size).toBeGreaterThanOrEqual(8);
    expect(serials.length).toBeGreaterThan(0);

    const client = await ownerDb().apiClient.findUniqueOrThrow({ where: { keyId: data.apiClient.keyId } });
    expect(client.scopes).toEqual(["kiosk_issuance"]);
    const ctx: RequestContext = { actor: { type: "api_client", id: client.id, municipalityId: null, scopes: client.scopes }, municipalityId: null, requestId: "bench-data" };

    const seen: string[] = [];
    for (const c of data.cases) {
      // The last holder: a different household / register than the first for every case.
      for (const h of [c.holders[0], c.holders[c.holders.length - 1]]) {
      const input = ZIssueRequest.parse(httpIssueBody(c, h));
      const { response } = await issueCertificate({ ctx, input, idempotencyKey: `bench-data-${c.key}-${h.card.serial}`, now: HTTP_BENCH_NOW });
      const pdf = Buffer.from(response.pdf, "base64");
      const pages = (await extractPdf(pdf)).pageTexts;
      const text = pages.join("").replace(/\s+/g, "");
      seen.push(`  page lengths ${pages.map((p) => p.replace(/\s+/g, "").length).join(",")}`);
      seen.push(`${c.key} ${h.mustNames.length}: ${response.pageCount} pages, ${pdf.length} bytes`);
      expect.soft(response.pageCount, c.key).toBe(c.expectedPages);
      for (const name of h.mustNames) expect(text, `${c.key} must print ${name}`).toContain(name);
      for (const name of data.printableNames) if (!h.mayNames.includes(name)) expect(text, `${c.key} must not print ${name}`).not.toContain(name);
      }
    }
    console.log(seen.join("\n"));
  });
});
