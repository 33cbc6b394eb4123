import { STAFF_ROLES, type StaffRoleName } from "./roles";

// What each staff role may do: the one table pages, components and verbs ask (`can(role, "service:edit")`)
// instead of comparing role names. Client-safe, so the navigation and the pages share it with `server/`.

export const PERMISSIONS = [
  /** Work across every municipality: choose the municipality being looked at, see other tenants' rows. */
  "all-municipalities",
  /** Create and change municipalities, their status and 公印. */
  "municipalities:manage",
  /** Issue, rotate and revoke kiosk API clients. */
  "api-clients:manage",
  /** See the service configuration (certificates offered, fees, hours, stops, calendar). */
  "service:read",
  /** Change the service configuration. */
  "service:edit",
  /** See usage statistics, monthly reports and the settlement. */
  "stats:read",
  /** Generate monthly reports, record commission rates and counter counts. */
  "stats:edit",
  /** Rebuild the usage rollups of a month (repair). */
  "stats:rebuild",
  /** Import resident, seal, tax, family-register and certificate data. */
  "imports:run",
  /** Manage staff accounts (of one's municipality, or all for the operator). */
  "staff:manage",
  /** Create and manage operator accounts. */
  "staff:manage-operators",
  /** See the audit log and verify its chains. */
  "audit:read",
  /** See incidents. */
  "incidents:read",
  /** Acknowledge and close incidents. */
  "incidents:handle",
  /** See the 利用登録 (koseki registration) queue and its applications. */
  "registrations:read",
  /** Approve or reject a 利用登録. */
  "registrations:review",
  /** See issuances (the issuance log and its details). */
  "issuances:read",
  /** See the requester's name from the resident register on an issuance's detail (a personal-data read). */
  "issuances:requester-name",
  /** See 交付停止 (issuance blocks). */
  "issuance-blocks:read",
  /** Set a 交付停止. */
  "issuance-blocks:set",
  /** Lift a 交付停止. */
  "issuance-blocks:lift",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE = ["service:read", "stats:read", "incidents:read", "issuances:read"] as const satisfies readonly Permission[];

/** The role → permission table. Every restricted page and verb asks through it. */
export const ROLE_PERMISSIONS: Record<StaffRoleName, ReadonlySet<Permission>> = {
  operator: new Set<Permission>([
    ...EVERYONE,
    "all-municipalities",
    "municipalities:manage",
    "api-clients:manage",
    "service:edit",
    "stats:edit",
    "stats:rebuild",
    "imports:run",
    "staff:manage",
    "staff:manage-operators",
    "audit:read",
    "incidents:handle",
  ]),
  municipal_admin: new Set<Permission>([
    ...EVERYONE,
    "service:edit",
    "stats:edit",
    "imports:run",
    "staff:manage",
    "audit:read",
    "incidents:handle",
    "registrations:read",
    "registrations:review",
    "issuances:requester-name",
    "issuance-blocks:read",
    "issuance-blocks:set",
    "issuance-blocks:lift",
  ]),
  clerk: new Set<Permission>([
    ...EVERYONE,
    "incidents:handle",
    "registrations:read",
    "registrations:review",
    "issuances:requester-name",
    "issuance-blocks:read",
    "issuance-blocks:set",
  ]),
  auditor: new Set<Permission>([...EVERYONE, "audit:read", "registrations:read", "issuance-blocks:read"]),
};

/** Whether a staff member of `role` may do `permission`. */
export function can(role: StaffRoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The roles holding `permission`, in STAFF_ROLES order (for `requireStaff(...)` and `requireRole(...)`). */
export function rolesWith(permission: Permission): StaffRoleName[] {
  return STAFF_ROLES.filter((role) => can(role, permission));
}
