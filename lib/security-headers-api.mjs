// The fixed security headers of the JSON API, in plain JavaScript so that next.config.js (which cannot load
// TypeScript) serves them for the kiosk API without running proxy.ts; lib/security-headers.ts uses the same
// values for every other /api/ path.

/** The JSON API and next-auth's endpoints: a policy that allows nothing at all. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Powerful browser features the app never uses, switched off for its pages and anything they frame.
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");
