// Tenant isolation in PostgreSQL itself (docs/decisions/0008-row-level-security.md): the catalogue meta-test
// (every table with a municipality column has FORCE RLS and a policy; every other table is a deliberate
// exception), the app role's attributes, and what the app role sees in each scope over three tenants the test
// builds itself (tests/factories/tenant.ts), each with rows in most tenant tables.
import { beforeAll, describe, expect, it } from "vitest";
import { systemContext, type RequestContext } from "@/server/context";
import { getDb } from "@/server/db";
import { withTenant } from "@/server/db/tenant";
import { createStaffUser } from "@/tests/factories";
import { createRegistration } from "@/tests/factories/koseki";
import { createTenant } from "@/tests/factories/tenant";
import { ownerDb } from "@/tests/setup/owner-db";

/**
 * Tables without a municipality column, and why they are still confined. A new table must either carry
 * `municipalityId` (and get the policy) or be added here with its reason — the test below fails otherwise.
 */
const TABLES_WITHOUT_MUNICIPALITY_COLUMN: Record<string, string> = {
  Municipality: "the tenant itself: policy on its id",
  MfaRecoveryCode: "follows its StaffUser (policy through the parent row)",
  ApiNonce: "follows its ApiClient (policy through the parent row)",
  PublicRateLimit: "public form throttle windows, no tenant data: system scope only",
};

type TableInfo = { name: string; hasMunicipalityColumn: boolean; rls: boolean; forced: boolean; policies: number };

async function tables(): Promise<TableInfo[]> {
  return ownerDb().$queryRaw<TableInfo[]>`
    SELECT c.relname::text AS name,
           EXISTS (SELECT 1 FROM information_schema.columns col
                   WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'municipalityId') AS "hasMunicipalityColumn",
           c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
           (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
    ORDER BY 1`;
}

const staffCtx = (municipalityId: string): RequestContext => ({
  actor: { type: "staff", id: "00000000-0000-7000-8000-000000000001", role: "municipal_admin", municipalityId },
  municipalityId,
  requestId: "rls-test",
});

const q = (t: string) => `"${t.replace(/"/g, "")}"`;

describe("row-level security", () => {
  let municipalities: Array<{ id: string; code: string }>;
  let tenantTables: string[];

  beforeAll(async () => {
    const tenants = [await createTenant(), await createTenant(), await createTenant()];
    // Each tenant holds a 本籍地 application from the next one's cardholder, and there is an operator.
    for (const [i, t] of tenants.entries()) await createRegistration(t.municipality.id, tenants[(i + 1) % tenants.length].card, { status: "pending" });
    await createStaffUser({ municipalityId: null, role: "operator" });
    municipalities = await ownerDb().municipality.findMany({ select: { id: true, code: true }, orderBy: { code: "asc" } });
    tenantTables = (await tables()).filter((t) => t.hasMunicipalityColumn).map((t) => t.name);
  }, 120_000);

  it("every table with a municipality column has row-level security enabled, forced and a policy", async () => {
    const all = await tables();
    const withColumn = all.filter((t) => t.hasMunicipalityColumn);
    expect(withColumn.length).toBeGreaterThan(15);
    const unprotected = withColumn.filter((t) => !t.rls || !t.forced || t.policies === 0).map((t) => t.name);
    expect(unprotected).toEqual([]);
  });

  it("every other table is a listed exception and is protected too", async () => {
    const without = (await tables()).filter((t) => !t.hasMunicipalityColumn);
    expect(without.map((t) => t.name).sort()).toEqual(Object.keys(TABLES_WITHOUT_MUNICIPALITY_COLUMN).sort());
    expect(without.filter((t) => !t.rls || !t.forced || t.policies === 0).map((t) => t.name)).toEqual([]);
  });

  it("the app connects as a role that is neither superuser nor BYPASSRLS and owns no table", async () => {
    const [role] = await getDb().$queryRaw<{ name: string; superuser: boolean; bypass: boolean; owned: number }[]>`
      SELECT current_user::text AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
             (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(role).toEqual({ name: "konbini_app", superuser: false, bypass: false, owned: 0 });
  });

  it("outside a tenant transaction the app reads no row of any protected table", async () => {
    const all = await tables();
    for (const t of all) {
      const [owner] = await ownerDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${q(t.name)}`);
      const [app] = await getDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${q(t.name)}`);
      expect({ table: t.name, n: app.n }).toEqual({ table: t.name, n: 0 });
      if (["Municipality", "Resident", "StaffUser", "CardCertificate"].includes(t.name)) expect(owner.n).toBeGreaterThan(0);
    }
  });

  it("in a municipality's scope every table shows exactly that municipality's rows", async () => {
    expect(municipalities.length).toBe(3);
    let crossChecked = 0;
    for (const table of tenantTables) {
      const perTenant = await ownerDb().$queryRawUnsafe<{ m: string | null; n: number }[]>(
        `SELECT "municipalityId"::text AS m, count(*)::int AS n FROM ${q(table)} GROUP BY 1`,
      );
      for (const m of municipalities) {
        const rows = await withTenant(staffCtx(m.id), (tx) =>
          tx.$queryRawUnsafe<{ m: string | null; n: number }[]>(`SELECT "municipalityId"::text AS m, count(*)::int AS n FROM ${q(table)} GROUP BY 1`),
        );
        const expected = perTenant.filter((r) => r.m === m.id);
        expect({ table, municipality: m.code, rows }).toEqual({ table, municipality: m.code, rows: expected });
      }
      if (perTenant.filter((r) => r.m !== null).length >= 2) crossChecked += 1;
    }
    // The tenants spread most tables over several municipalities, so the check above is not vacuous.
    expect(crossChecked).toBeGreaterThanOrEqual(12);
  });

  it("a municipality's scope cannot write another municipality's rows", async () => {
    const [a, b] = municipalities;
    const bResident = await ownerDb().resident.findFirstOrThrow({ where: { municipalityId: b.id } });
    // Updating or deleting an invisible row touches nothing.
    const updated = await withTenant(staffCtx(a.id), (tx) => tx.resident.updateMany({ where: { id: bResident.id }, data: { status: "deceased" } }));
    expect(updated.count).toBe(0);
    const deleted = await withTenant(staffCtx(a.id), (tx) => tx.incident.deleteMany({ where: { municipalityId: b.id } }));
    expect(deleted.count).toBe(0);
    expect((await ownerDb().resident.findUniqueOrThrow({ where: { id: bResident.id } })).status).toBe(bResident.status);
    // Inserting a row for another municipality violates the policy.
    await expect(
      withTenant(staffCtx(a.id), (tx) => tx.incident.create({ data: { municipalityId: b.id, kind: "centre_error", summary: "x" } })),
    ).rejects.toThrow(/row-level security|policy/i);
    // Moving an own row to another municipality too.
    const aIncident = await ownerDb().incident.create({ data: { municipalityId: a.id, kind: "centre_error", summary: "rls" } });
    await expect(
      withTenant(staffCtx(a.id), (tx) => tx.incident.update({ where: { id: aIncident.id }, data: { municipalityId: b.id } })),
    ).rejects.toThrow(/row-level security|policy/i);
  });

  it("rows without a municipality (operators, the system audit chain) are visible only across tenants", async () => {
    const [a] = municipalities;
    const operators = await ownerDb().staffUser.count({ where: { municipalityId: null } });
    expect(operators).toBeGreaterThan(0);
    const seenByTenant = await withTenant(staffCtx(a.id), (tx) => tx.staffUser.count({ where: { municipalityId: null } }));
    expect(seenByTenant).toBe(0);
    const seenBySystem = await withTenant(systemContext("rls-test"), (tx) => tx.staffUser.count({ where: { municipalityId: null } }));
    expect(seenBySystem).toBe(operators);
  });

  it("child rows follow their parent's tenant", async () => {
    const [a, b] = municipalities;
    const bUser = await ownerDb().staffUser.findFirstOrThrow({ where: { municipalityId: b.id } });
    await ownerDb().mfaRecoveryCode.create({ data: { staffUserId: bUser.id, codeHash: "x" } });
    const fromA = await withTenant(staffCtx(a.id), (tx) => tx.mfaRecoveryCode.count({ where: { staffUserId: bUser.id } }));
    const fromB = await withTenant(staffCtx(b.id), (tx) => tx.mfaRecoveryCode.count({ where: { staffUserId: bUser.id } }));
    expect([fromA, fromB]).toEqual([0, 1]);
    await expect(withTenant(staffCtx(a.id), (tx) => tx.mfaRecoveryCode.create({ data: { staffUserId: bUser.id, codeHash: "y" } }))).rejects.toThrow(
      /row-level security|policy/i,
    );
  });

  it("the app role may not change the audit log or read the migration history", async () => {
    await expect(withTenant(systemContext("rls-test"), (tx) => tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'x'`))).rejects.toThrow(/permission denied/i);
    await expect(withTenant(systemContext("rls-test"), (tx) => tx.$executeRawUnsafe(`DELETE FROM "AuditEvent"`))).rejects.toThrow(/permission denied/i);
    await expect(getDb().$queryRawUnsafe(`SELECT count(*) FROM "_prisma_migrations"`)).rejects.toThrow(/permission denied/i);
  });

  it("a staff context without a municipality is refused before any query (only operators and system work span tenants)", async () => {
    const clerk: RequestContext = { actor: { type: "staff", id: "x", role: "clerk", municipalityId: null }, municipalityId: null, requestId: "r" };
    await expect(withTenant(clerk, async () => 1)).rejects.toMatchObject({ code: "forbidden" });
    const confinedClient: RequestContext = { actor: { type: "api_client", id: "c", municipalityId: municipalities[0].id }, municipalityId: null, requestId: "r" };
    await expect(withTenant(confinedClient, async () => 1)).rejects.toMatchObject({ code: "forbidden" });
  });
});
