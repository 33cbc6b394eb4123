// Staff roles and their Japanese labels (client-safe).
export const STAFF_ROLES = ["operator", "municipal_admin", "clerk", "auditor"] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRoleName, string> = {
  operator: "運用事業者",
  municipal_admin: "自治体管理者",
  clerk: "自治体職員",
  auditor: "監査担当",
};
