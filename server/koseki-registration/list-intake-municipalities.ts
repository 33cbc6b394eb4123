import "server-only";
import { systemContext } from "../context";
import { withTenant } from "../db/tenant";

export type IntakeMunicipalityOption = { code: string; label: string };

/** The municipalities whose 本籍地 利用登録 this server takes (active ones), for the public form's list. */
export async function listIntakeMunicipalities(): Promise<IntakeMunicipalityOption[]> {
  const rows = await withTenant(systemContext("koseki-intake"), (tx) =>
    tx.municipality.findMany({ where: { status: "active" }, select: { code: true, name: true, prefecture: true }, orderBy: { code: "asc" } }),
  );
  return rows.map((m) => ({ code: m.code, label: `${m.prefecture}${m.name}` }));
}
