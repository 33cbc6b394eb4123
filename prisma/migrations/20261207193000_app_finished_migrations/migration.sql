-- Readiness (GET /api/health/ready, server/health/check-readiness.ts): the app must know whether every migration
-- of its code is finished, but the migration history stays the owner's (the row-level security migration revokes
-- "_prisma_migrations" from konbini_app, and tests/integration/row-level-security.test.ts holds it so). This
-- function, run as the owner, answers only the names of the finished migrations — no checksums, logs or times.
-- Like card_certificate_held_elsewhere: SECURITY DEFINER with a fixed search_path, executable by the app role only.
CREATE FUNCTION app_finished_migrations() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name
  $$;
REVOKE ALL ON FUNCTION app_finished_migrations() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_finished_migrations() TO konbini_app;
