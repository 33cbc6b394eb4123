import { STAFF_ROLES, type StaffRoleName } from "./roles";

// What each staff role may do: the one table pages, components and verbs ask (`can(role, "service:edit")`)
// instead of comparing role names. Client-safe, so the navigation and the pages share it with `server/`.

const OPERATOR = ["operator"] as const;
const EVERY_ROLE = STAFF_ROLES;
const ADMINISTRATORS = ["operator", "municipal_admin"] as const;

/** Each permission and the roles holding it (read a column as "who may"; `ROLE_PERMISSIONS` is the same table by role). */
const HOLDERS = {
  /** Work across every municipality: choose the municipality being looked at, see other tenants' rows. */
  "all-municipalities": OPERATOR,
  /** See, create and change municipalities, their status and 公印. */
  "municipalities:manage": OPERATOR,
  /** Issue, rotate and revoke kiosk API clients. */
  "api-clients:manage": OPERATOR,
  /** See the service configuration (certificates offered, fees, hours, stops, calendar). */
  "service:read": EVERY_ROLE,
  /** Change the service configuration. */
  "service:edit": ADMINISTRATORS,
  /** See usage statistics, monthly reports and the settlement. */
  "stats:read": EVERY_ROLE,
  /** Generate monthly reports, record commission rates and counter counts. */
  "stats:edit": ADMINISTRATORS,
  /** Rebuild the usage rollups of a month (repair). */
  "stats:rebuild": OPERATOR,
  /** Import resident, seal, tax, family-register and certificate data and see the import jobs (an administrator into their own municipality). */
  "imports:run": ADMINISTRATORS,
  /** Manage staff accounts (of one's municipality, or all for the operator). */
  "staff:manage": ADMINISTRATORS,
  /** Create and manage operator accounts. */
  "staff:manage-operators": OPERATOR,
  /** See the audit log and verify its chains. */
  "audit:read": ["operator", "municipal_admin", "auditor"],
  /** See incidents. */
  "incidents:read": EVERY_ROLE,
  /** Acknowledge and close incidents (auditors only read). */
  "incidents:handle": ["operator", "municipal_admin", "clerk"],
  /** See the 利用登録 (koseki registration) queue and its applications. */
  "registrations:read": ["municipal_admin", "clerk", "auditor"],
  /** Approve or reject a 利用登録. */
  "registrations:review": ["municipal_admin", "clerk"],
  /** See issuances (the issuance log and its details). */
  "issuances:read": EVERY_ROLE,
  /** See the requester's name from the resident register on an issuance's detail (a personal-data read). */
  "issuances:requester-name": ["municipal_admin", "clerk"],
  /**
   * Declare an issuance void (誤交付, 再発行, その他), alone or from an incident; final. The municipality's own
   * administrator only: the certificate is the mayor's, so the operator (who runs the platform) does not void.
   */
  "issuances:void": ["municipal_admin"],
  /** Download the voided issuances with the requesters' names and addresses for the recall letter (a personal-data read). */
  "issuances:recall-export": ["municipal_admin"],
  /** See 交付停止 (issuance blocks). */
  "issuance-blocks:read": ["municipal_admin", "clerk", "auditor"],
  /** Set a 交付停止. */
  "issuance-blocks:set": ["municipal_admin", "clerk"],
  /** Lift a 交付停止. */
  "issuance-blocks:lift": ["municipal_admin"],
  /** Change the municipality's settings (eligibility limits with an effective day, retention, review days, closure days). */
  "settings:edit": ADMINISTRATORS,
  /**
   * 住民照会: search the municipality's residents and see one resident's status, flags, cards, seal, 利用登録,
   * recent issuances and refusals (a personal-data read, audited). Counter staff only: not the operator, who
   * runs the platform across municipalities, nor the auditor, who audits who looked (docs/decisions/0013).
   */
  "residents:read": ["municipal_admin", "clerk"],
  /** See the decrypted details of a resident's 支援措置 on 住民照会 (others see only that one is present). */
  "residents:support-measure-details": ["municipal_admin"],
  /** Record a new mayor (職名・氏名) and upload a new 公印, each in force from a day on (docs/decisions/0015). */
  "mayor-and-seal:record": ADMINISTRATORS,
  /** See the alerts sent about the municipality and their deliveries. */
  "alerts:read": EVERY_ROLE,
  /** Set who receives the municipality's alerts (e-mail recipients, webhook and its secret). */
  "alerts:manage": ["municipal_admin"],
} as const satisfies Record<string, readonly StaffRoleName[]>;

export type Permission = keyof typeof HOLDERS;

export const PERMISSIONS = Object.keys(HOLDERS) as Permission[];

const permissionsOf = (role: StaffRoleName): ReadonlySet<Permission> => new Set(PERMISSIONS.filter((p) => (HOLDERS[p] as readonly StaffRoleName[]).includes(role)));

/** The role → permission table. Every restricted page and verb asks through it. */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRoleName, ReadonlySet<Permission>>> = {
  operator: permissionsOf("operator"),
  municipal_admin: permissionsOf("municipal_admin"),
  clerk: permissionsOf("clerk"),
  auditor: permissionsOf("auditor"),
};

/** Whether a staff member of `role` may do `permission`. */
export function can(role: StaffRoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The roles holding `permission`, in STAFF_ROLES order (for `requireStaff(...)`; verbs ask `requirePermission(ctx, permission)`). */
export function rolesWith(permission: Permission): StaffRoleName[] {
  return STAFF_ROLES.filter((role) => can(role, permission));
}
