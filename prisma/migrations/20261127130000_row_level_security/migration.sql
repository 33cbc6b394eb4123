-- Tenant isolation enforced by PostgreSQL row-level security (docs/decisions/0008-row-level-security.md).
--
-- The app connects as `konbini_app`: not the owner of any table, no BYPASSRLS, no superuser. Migrations
-- (and the demo seed) run as the owner. Every transaction of the app sets the tenant with SET LOCAL
-- semantics (set_config(..., true), server/db/tenant.ts):
--   app.municipality_id    the municipality the request acts for ('' when none)
--   app.all_municipalities 'on' only for operators and system work (kiosk centre, jobs, sign-in)
-- Outside such a transaction both settings are unset, so a forgotten scope reads nothing and writes nothing.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'konbini_app') THEN
    CREATE ROLE konbini_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- True when the current transaction's tenant may see a row of municipality `mid`. Rows without a
-- municipality (operators, cross-tenant centre clients, the system audit chain) only in the all scope.
CREATE FUNCTION app_tenant_visible(mid uuid) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(current_setting('app.all_municipalities', true), '') = 'on'
        OR (mid IS NOT NULL AND mid = nullif(current_setting('app.municipality_id', true), '')::uuid)
  $$;

GRANT USAGE ON SCHEMA public TO konbini_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO konbini_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO konbini_app;
-- Tables and sequences that later migrations create (as the same owner) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO konbini_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO konbini_app;
-- The migration history is the owner's; the audit log is insert-only for the app as well as by trigger.
REVOKE ALL ON "_prisma_migrations" FROM konbini_app;
REVOKE UPDATE, DELETE ON "AuditEvent" FROM konbini_app;

-- Tables with a municipality column: one policy on it, forced on the owner too.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'CertificateOffering', 'Fee', 'ServiceWindow', 'ServiceStop', 'EmergencyStop', 'Household', 'Resident',
    'SupportMeasure', 'SealRegistration', 'TaxRecord', 'KosekiRecord', 'KosekiMember', 'KosekiEvent',
    'FuhyoEntry', 'CardCertificate', 'KosekiRegistration', 'ApiClient', 'Issuance', 'Incident', 'StaffUser',
    'AuditEvent', 'ImportJob', 'UsageDaily', 'RegistrationNotice', 'UsageHourly', 'CommissionRate', 'CounterIssuanceCount',
    'MonthlyReport'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"))', t);
  END LOOP;
END
$$;

-- The municipality itself.
ALTER TABLE "Municipality" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Municipality" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Municipality" USING (app_tenant_visible(id)) WITH CHECK (app_tenant_visible(id));

-- System tables without tenant data: visible only in the all-municipalities scope (system work).
ALTER TABLE "PublicRateLimit" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PublicRateLimit" FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON "PublicRateLimit" USING (app_tenant_visible(NULL)) WITH CHECK (app_tenant_visible(NULL));

-- Child tables without their own municipality column follow their parent (whose policy applies inside
-- the subquery).
ALTER TABLE "MfaRecoveryCode" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MfaRecoveryCode" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MfaRecoveryCode"
  USING (EXISTS (SELECT 1 FROM "StaffUser" s WHERE s.id = "staffUserId"))
  WITH CHECK (EXISTS (SELECT 1 FROM "StaffUser" s WHERE s.id = "staffUserId"));

ALTER TABLE "ApiNonce" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApiNonce" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ApiNonce"
  USING (EXISTS (SELECT 1 FROM "ApiClient" c WHERE c.id = "apiClientId"))
  WITH CHECK (EXISTS (SELECT 1 FROM "ApiClient" c WHERE c.id = "apiClientId"));

-- The one cross-tenant fact a tenant may learn: a card certificate (issuer + serial, unique nationwide) is
-- already bound to a resident of another municipality, so an import can say so instead of failing on the
-- unique key. Runs as the owner with the all-municipalities scope and answers only true/false.
CREATE FUNCTION card_certificate_held_elsewhere(p_issuer text, p_serial text, p_municipality uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET app.all_municipalities = 'on'
  AS $$
    SELECT EXISTS (SELECT 1 FROM "CardCertificate" c WHERE c.issuer = p_issuer AND c.serial = p_serial AND c."municipalityId" <> p_municipality)
  $$;
REVOKE ALL ON FUNCTION card_certificate_held_elsewhere(text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION card_certificate_held_elsewhere(text, text, uuid) TO konbini_app;
