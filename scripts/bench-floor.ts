// The PDF floor beside the HTTP issuance benchmark (issue 21): per document, in this one process and one
// thread, the wall and CPU time and the PDF size of
//   (a) pdfkit drawing the production 住民票の写し layout with one font parsed once (the least a page costs),
//   (b) the production react-pdf template alone (renderToBuffer, no read-back),
//   (c) renderCertificate, the production worker's path (coverage check + react-pdf + its read-back, read-pdf-text.ts),
//   (d) the pdf.js read-back alone (extractPdf on (b)'s bytes),
// all for the same document (scripts/lib/pdf-floor.ts says exactly what is measured and how).
//
//   node --import ./scripts/lib/register-server-only.mjs --import tsx scripts/bench-floor.ts [--iterations N] [--warmup W] [--json] [--dump DIR]
//
// --iterations N  measured documents per variant (default 200), interleaved across the variants
// --warmup W      unmeasured documents per variant first (default 20)
// --json          print one JSON object on stdout (progress stays on stderr)
// --dump DIR      also write the pdfkit and react-pdf PDFs to DIR for a look
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { table } from "./lib/bench-stats";
import { floorSamples, measurePdfFloor } from "./lib/pdf-floor";

function usage(message: string): never {
  console.error(`bench-floor: ${message}`);
  console.error("usage: bench-floor.ts [--iterations N] [--warmup W] [--json] [--dump DIR]");
  process.exit(2);
}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) usage(`${flag} needs a positive integer`);
  return n;
}

function options() {
  try {
    const { values } = parseArgs({
      options: { iterations: { type: "string", default: "200" }, warmup: { type: "string", default: "20" }, json: { type: "boolean", default: false }, dump: { type: "string" } },
    });
    return { iterations: positive(values.iterations, "--iterations"), warmup: positive(values.warmup, "--warmup"), json: values.json, dump: values.dump ?? null };
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
}

const opts = options();
const log = (s: string) => console.error(s);

log(`PDF floor: ${opts.warmup} warm-up + ${opts.iterations} measured documents per variant`);
const result = await measurePdfFloor({ iterations: opts.iterations, warmup: opts.warmup, log });

if (opts.json) {
  console.log(JSON.stringify(result));
} else {
  const d = result.document;
  console.log(`${d.title}: ${d.persons} persons, ${d.fields} fields, QR ${d.qrModules} modules, 公印 PNG ${d.sealPngBytes} B; react-pdf fonts: ${d.fontChain.join(", ")}`);
  console.log(`check: pdfkit ${result.check.pdfkit}, react-pdf ${result.check.reactPdf}, same printed characters: ${result.check.sameCharacters} (${result.check.printedCharacters.pdfkit} / ${result.check.printedCharacters.reactPdf})`);
  console.log(`${result.iterations} measured + ${result.warmup} warm-up per variant, ${result.seconds} s; ${result.node}, ${result.cpus.count} × ${result.cpus.model}; load ${result.loadAvg.start.join(" ")} → ${result.loadAvg.end.join(" ")}`);
  console.log("");
  console.log(
    table(
      ["variant", "wall p50 ms", "wall p95 ms", "CPU p50 ms", "CPU p95 ms", "CPU mean ms", "PDF bytes (p50)", "first call ms"],
      result.results.map((r) => [r.label, r.wallMs.p50, r.wallMs.p95, r.cpuMs.p50, r.cpuMs.p95, r.cpuMs.mean, r.pdfBytes.p50, r.coldMs]),
    ),
  );
  console.log("");
  console.log("first call ms: the first warm-up document, in the order above; it pays whatever loading the earlier variants left undone.");
}

// After measuring, so the first (cold) calls above are the process's first.
if (opts.dump) {
  const { pdfkit, reactPdf } = await floorSamples();
  fs.mkdirSync(opts.dump, { recursive: true });
  fs.writeFileSync(path.join(opts.dump, "floor-pdfkit.pdf"), pdfkit);
  fs.writeFileSync(path.join(opts.dump, "floor-react-pdf.pdf"), reactPdf);
  log(`wrote floor-pdfkit.pdf and floor-react-pdf.pdf to ${opts.dump}`);
}
