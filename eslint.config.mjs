import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const testImports = ["@/tests/*", "**/tests/*", "**/tests/**"];
const testImportMessage = "Production code does not import tests/ (factories and harnesses are for tests only).";
const prismaImports = ["@/server/generated/*", "**/server/generated/*", "@prisma/client", "@prisma/client/*"];

// Settings are read through server/env.ts (getEnv/requireEnv; rawEnv for the run-mode and readiness checks that
// word their own messages; setEnv/defaultEnv for the start script and the CLIs), never from process.env.
// Allowed: handing the whole environment to a child process (`env: process.env`, `{ ...process.env, … }`), and
// `process.env.NEXT_RUNTIME`, which Next replaces at build time (instrumentation.ts).
const processEnv = 'MemberExpression[object.name="process"][property.name="env"]';
const processEnvMessage = "Read settings through server/env.ts (getEnv), which parses and validates every variable.";

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
  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: `${processEnv}:not(SpreadElement > ${processEnv}, Property[key.name="env"] > ${processEnv}.value, MemberExpression[property.name="NEXT_RUNTIME"] > ${processEnv}.object)`,
          message: processEnvMessage,
        },
        { selector: 'MemberExpression[object.name="process"][property.value="env"]', message: processEnvMessage },
        { selector: 'VariableDeclarator[init.name="process"] > ObjectPattern > Property[key.name="env"]', message: processEnvMessage },
      ],
    },
  },
  // The exceptions, each for its reason:
  {
    files: [
      // the one reader
      "server/env.ts",
      // tool configurations, loaded by their CLIs before (and without) the app
      "vitest.config.ts",
      "playwright.config.ts",
      "prisma.config.ts",
      // tests and their harnesses configure the code under test through its environment, as an operator would
      "tests/**",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-syntax": "off" },
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
            { group: testImports, message: testImportMessage },
            {
              group: ["@/app/*", "../*/_components/*", "../../*/_components/*", "../../../*/_components/*", "../../../../*/_components/*"],
              message: "A route imports only its own (or its section's) _components; what several routes share lives in components/ or lib/.",
            },
          ],
        },
      ],
    },
  },
  // Production code never imports the tests' factories and harnesses (tests/): test data stays out of what ships.
  {
    files: ["server/**", "scripts/**", "prisma/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: testImports, message: testImportMessage }] }],
    },
  },
  // Shared UI and client-safe helpers never import server code at all.
  {
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/server/*", "**/server/*"], message: "components/ and lib/ are client-safe: no server imports." },
            { group: testImports, message: testImportMessage },
          ],
        },
      ],
    },
  },
];
export default config;
