// Prisma CLI configuration. The CLI must never download an engine (air-gapped machines, LGWAN):
// DATABASE_URL is always set (a placeholder is enough for `prisma generate`), the schema engine is the
// bundled WebAssembly one and queries go through the pg driver adapter. See docs/decisions/0001.
process.env.DATABASE_URL ??= "postgresql://placeholder@localhost:5432/placeholder";

import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./server/db/migration-adapter";
import { createPgPool } from "./server/db/pg-pool";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => createMigrationAdapter(createPgPool(process.env.DATABASE_URL!, { max: 2 })),
});
