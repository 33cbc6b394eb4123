import { z } from "zod";

// Runs in the browser before the app's own code (Next's client instrumentation file). zod compiles object
// parsers with `new Function` when it may, and probes for that the first time a schema is built; the pages'
// Content-Security-Policy has no 'unsafe-eval' (lib/security-headers.ts), so the probe would be refused and
// reported as a CSP violation on every form page. jitless skips the probe and the compilation; the forms'
// schemas are small, the interpreted parser is enough.
z.config({ jitless: true });
