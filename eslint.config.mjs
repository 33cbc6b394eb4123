import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const prismaImports = ["@/server/generated/*", "**/server/generated/*", "@prisma/client", "@prisma/client/*"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "server/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Only server/** talks to the database (STYLE.md §2). Pages and routes go through server verbs.
  {
    files: ["app/**", "components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: prismaImports, message: "Only server/** may import the Prisma client; call a server verb." },
            { group: ["@/server/db", "@/server/db/*"], message: "Only server/** may import the database; call a server verb." },
          ],
        },
      ],
    },
  },
  // Shared UI and client-safe helpers never import server code at all.
  {
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/server/*", "**/server/*"], message: "components/ and lib/ are client-safe: no server imports." }] },
      ],
    },
  },
];
export default config;
