import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, rolesWith, type Permission } from "./permissions";
import { STAFF_ROLES, type StaffRoleName } from "./roles";

// What each role may do, written out by hand (by role, the other way round from the table) from the role
// checks the pages and verbs made before the table existed: a change to who may do what changes both.
const EXPECTED: Record<StaffRoleName, readonly Permission[]> = {
  operator: [
    "all-municipalities",
    "municipalities:manage",
    "api-clients:manage",
    "service:read",
    "service:edit",
    "stats:read",
    "stats:edit",
    "stats:rebuild",
    "imports:run",
    "staff:manage",
    "staff:manage-operators",
    "audit:read",
    "incidents:read",
    "incidents:handle",
    "issuances:read",
    "settings:edit",
    "mayor-and-seal:record",
    "alerts:read",
  ],
  municipal_admin: [
    "service:read",
    "service:edit",
    "stats:read",
    "stats:edit",
    "imports:run",
    "staff:manage",
    "audit:read",
    "incidents:read",
    "incidents:handle",
    "registrations:read",
    "registrations:review",
    "issuances:read",
    "issuances:requester-name",
    "issuances:void",
    "issuances:recall-export",
    "issuance-blocks:read",
    "issuance-blocks:set",
    "issuance-blocks:lift",
    "settings:edit",
    "residents:read",
    "residents:support-measure-details",
    "mayor-and-seal:record",
    "alerts:read",
    "alerts:manage",
  ],
  clerk: [
    "service:read",
    "stats:read",
    "incidents:read",
    "incidents:handle",
    "registrations:read",
    "registrations:review",
    "issuances:read",
    "issuances:requester-name",
    "issuance-blocks:read",
    "issuance-blocks:set",
    "residents:read",
    "alerts:read",
  ],
  auditor: ["service:read", "stats:read", "audit:read", "incidents:read", "registrations:read", "issuances:read", "issuance-blocks:read", "alerts:read"],
};

describe("role → permission table", () => {
  it.each(STAFF_ROLES.flatMap((r) => PERMISSIONS.map((p) => [r, p] as const)))("%s / %s matches the expected matrix", (role, permission) => {
    expect(can(role, permission)).toBe(EXPECTED[role].includes(permission));
  });

  it("has no permission the expected matrix does not know", () => {
    expect([...PERMISSIONS].sort()).toEqual([...new Set(Object.values(EXPECTED).flat())].sort());
  });

  it("lists the roles holding a permission in STAFF_ROLES order", () => {
    expect(rolesWith("audit:read")).toEqual(["operator", "municipal_admin", "auditor"]);
    expect(rolesWith("imports:run")).toEqual(["operator", "municipal_admin"]);
    for (const p of PERMISSIONS) expect(rolesWith(p)).toEqual(STAFF_ROLES.filter((r) => EXPECTED[r].includes(p)));
  });

  it("keeps municipal staff (clerks) inside their municipality and away from administration", () => {
    for (const p of ["all-municipalities", "staff:manage", "service:edit", "stats:edit", "imports:run", "audit:read", "issuance-blocks:lift"] as const) {
      expect(can("clerk", p)).toBe(false);
    }
  });

  it("lets auditors read but never act", () => {
    for (const p of ["incidents:handle", "registrations:review", "issuance-blocks:set", "issuance-blocks:lift", "issuances:requester-name"] as const) {
      expect(can("auditor", p)).toBe(false);
    }
  });
});
