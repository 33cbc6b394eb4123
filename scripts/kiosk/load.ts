// Load mode: N concurrent virtual residents for T seconds, each looping eligibility → issuance →
// completion with a demo card, checking EVERY returned PDF for cross-delivery (its own requester named,
// nobody else of the crowd named, its own 発行番号 on every page). Reports latency percentiles per
// endpoint, throughput and errors.
import crypto from "node:crypto";
import { DEMO_WALLET } from "../../lib/simulator/demo-wallet";
import { percentile } from "../lib/bench-stats";
import { baseRequest, KioskClient } from "./client";
import { checkPdf } from "./pdf-checks";

type Person = { serial: string; code: string; name: string; types: Array<"residence" | "seal"> };

export async function runLoad(opts: { baseUrl: string; keyId: string; secret: string; concurrency: number; durationSeconds: number; clockOverride?: string; log?: (s: string) => void }) {
  const log = opts.log ?? console.log;
  const c = new KioskClient(opts);
  // The crowd: demo cardholders to whom a 住民票 or 印鑑 may be issued now, with their printed names.
  const crowd: Person[] = [];
  for (const card of DEMO_WALLET) {
    const a = await c.post<{ certificates: Array<{ type: string; available: boolean }>; householdMembers: Array<{ name: string; isRequester: boolean }> }>("/eligibility", baseRequest(card.serial, card.municipalityCode));
    const me = a.body?.householdMembers?.find((m) => m.isRequester);
    const types = (["residence", "seal"] as const).filter((t) => a.body?.certificates?.some((x) => x.type === t && x.available));
    if (a.status === 200 && me && types.length) crowd.push({ serial: card.serial, code: card.municipalityCode, name: me.name, types: [...types] });
  }
  if (crowd.length < 2) throw new Error(`only ${crowd.length} demo cardholders can be served now (outside service hours? pass --clock-override)`);
  log(`crowd: ${crowd.length} demo cardholders; ${opts.concurrency} concurrent residents for ${opts.durationSeconds} s`);

  const lat: Record<string, number[]> = { eligibility: [], issuance: [], completion: [] };
  const errors: Record<string, number> = {};
  let issued = 0;
  let crossDeliveries = 0;
  let pdfFailures = 0;
  const deadline = performance.now() + opts.durationSeconds * 1000;
  const started = performance.now();

  async function resident(i: number) {
    let n = i;
    while (performance.now() < deadline) {
      const me = crowd[n++ % crowd.length];
      const e = await c.post("/eligibility", baseRequest(me.serial, me.code));
      lat.eligibility.push(e.ms);
      if (e.status !== 200) {
        errors[`eligibility ${e.status}`] = (errors[`eligibility ${e.status}`] ?? 0) + 1;
        continue;
      }
      const type = me.types[n % me.types.length];
      const body = { ...baseRequest(me.serial, me.code), certificateType: type, copies: 1, options: type === "seal" ? {} : { members: [] as string[] } };
      if (type === "residence") {
        const refs = (e.body as { householdMembers: Array<{ memberRef: string; isRequester: boolean }> }).householdMembers.filter((m) => m.isRequester).map((m) => m.memberRef);
        body.options = { members: refs };
      }
      const a = await c.post<{ issuanceId: string; issuanceNo: string; pdf: string; pageCount: number; pdfSha256: string; code?: string }>("/issuances", body, { idempotencyKey: crypto.randomUUID() });
      lat.issuance.push(a.ms);
      if (a.status !== 200) {
        errors[`issuance ${a.status} ${a.body?.code ?? ""}`] = (errors[`issuance ${a.status} ${a.body?.code ?? ""}`] ?? 0) + 1;
        continue;
      }
      issued++;
      const report = await checkPdf(Buffer.from(a.body.pdf, "base64"), {
        issuanceNo: a.body.issuanceNo,
        pageCount: a.body.pageCount,
        sha256: a.body.pdfSha256,
        names: [me.name],
        notNames: crowd.filter((p) => p.name !== me.name).map((p) => p.name),
      });
      if (report.failures.some((f) => f.startsWith("CROSS-DELIVERY"))) crossDeliveries++;
      if (!report.ok) pdfFailures++;
      const done = await c.post(`/issuances/${a.body.issuanceId}/completion`, { outcome: n % 5 ? "printed" : "cancelled" });
      lat.completion.push(done.ms);
      if (done.status !== 200) errors[`completion ${done.status}`] = (errors[`completion ${done.status}`] ?? 0) + 1;
    }
  }

  await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => resident(i)));
  const seconds = (performance.now() - started) / 1000;
  log("");
  log("endpoint      count    p50 ms   p95 ms   p99 ms   max ms");
  for (const [name, values] of Object.entries(lat)) {
    const s = [...values].sort((x, y) => x - y);
    const at = (p: number) => (s.length ? percentile(s, p) : 0);
    log(`${name.padEnd(12)} ${String(s.length).padStart(6)} ${at(50).toFixed(0).padStart(8)} ${at(95).toFixed(0).padStart(8)} ${at(99).toFixed(0).padStart(8)} ${(s.at(-1) ?? 0).toFixed(0).padStart(8)}`);
  }
  log("");
  log(`issued ${issued} certificates in ${seconds.toFixed(1)} s = ${(issued / seconds).toFixed(1)} issuances/s`);
  log(`errors: ${Object.keys(errors).length ? JSON.stringify(errors) : "none"}`);
  log(`PDF check failures: ${pdfFailures}; cross-deliveries: ${crossDeliveries}`);
  return { issued, seconds, errors, pdfFailures, crossDeliveries, latency: lat };
}
