import fs from "node:fs";
import path from "node:path";

const PORTAL = path.join(import.meta.dirname, "..", "..", "..", "app", "(portal)");

export type PortalRoute = { pattern: string; kind: "page" | "route" };

/**
 * URL patterns of every page.tsx and route.ts under app/(portal), route groups and private folders left out,
 * so the specs that go over every page (axe, the cross-tenant probe) pick up a new page without edits.
 */
export function portalRoutes(): PortalRoute[] {
  const out: PortalRoute[] = [];
  const walk = (dir: string, url: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name.startsWith("_")) continue;
        walk(path.join(dir, e.name), url + (/^\(.*\)$/.test(e.name) ? "" : `/${e.name}`));
      } else if (e.name === "page.tsx") out.push({ pattern: url || "/", kind: "page" });
      else if (e.name === "route.ts") out.push({ pattern: url, kind: "route" });
    }
  };
  walk(PORTAL, "");
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
