import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, rolesWith, type Permission } from "./permissions";
import { STAFF_ROLES, type StaffRoleName } from "./roles";

// The allow matrix written out by hand from the role checks the pages and verbs made before the table existed:
// a change to who may do what has to change this list too.
const EXPECTED: Record<Permission, readonly StaffRoleName[]> = {
  "all-municipalities": ["operator"],
  "municipalities:manage": ["operator"],
  "api-clients:manage": ["operator"],
  "service:read": ["operator", "municipal_admin", "clerk", "auditor"],
  "service:edit": ["operator", "municipal_admin"],
  "stats:read": ["operator", "municipal_admin", "clerk", "auditor"],
  "stats:edit": ["operator", "municipal_admin"],
  "stats:rebuild": ["operator"],
  "imports:run": ["operator", "municipal_admin"],
  "staff:manage": ["operator", "municipal_admin"],
  "staff:manage-operators": ["operator"],
  "audit:read": ["operator", "municipal_admin", "auditor"],
  "incidents:read": ["operator", "municipal_admin", "clerk", "auditor"],
  "incidents:handle": ["operator", "municipal_admin", "clerk"],
  "registrations:read": ["municipal_admin", "clerk", "auditor"],
  "registrations:review": ["municipal_admin", "clerk"],
  "issuances:read": ["operator", "municipal_admin", "clerk", "auditor"],
  "issuances:requester-name": ["municipal_admin", "clerk"],
  "issuance-blocks:read": ["municipal_admin", "clerk", "auditor"],
  "issuance-blocks:set": ["municipal_admin", "clerk"],
  "issuance-blocks:lift": ["municipal_admin"],
};

describe("role → permission table", () => {
  it.each(PERMISSIONS.flatMap((p) => STAFF_ROLES.map((r) => [p, r] as const)))("%s for %s matches the expected matrix", (permission, role) => {
    expect(can(role, permission)).toBe(EXPECTED[permission].includes(role));
  });

  it("lists the roles holding a permission in STAFF_ROLES order", () => {
    for (const p of PERMISSIONS) expect(rolesWith(p)).toEqual(STAFF_ROLES.filter((r) => EXPECTED[p].includes(r)));
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
