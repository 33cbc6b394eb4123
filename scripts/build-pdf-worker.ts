// Bundles the PDF worker (server/pdf/render-worker.ts and what it imports from the project) into one ES module
// under .next/, so that a production server's render threads load plain JavaScript: no TypeScript compiler in
// each thread (tsx's loader runs a thread of its own per worker), a faster start and less memory
// (docs/benchmarks.md, "HTTP"). Packages stay external and load from node_modules as before.
// Run by `npm run build` after `next build`, and by `npm start` when it builds. server/pdf/render-pool.ts uses
// the bundle under NODE_ENV=production and the TypeScript entry (worker-boot.mjs) otherwise.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PDF_WORKER_BUNDLE = path.join(ROOT, ".next", "pdf-worker", "render-worker.mjs");

export async function buildPdfWorker(): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, "server", "pdf", "render-worker.ts")],
    outfile: PDF_WORKER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    jsx: "automatic",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildPdfWorker();
  console.log(`[build] PDF worker bundle: ${path.relative(ROOT, PDF_WORKER_BUNDLE)}`);
}
