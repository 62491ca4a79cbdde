import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    // One PostgreSQL for the run (embedded, or DATABASE_URL's server); each test file gets its
    // own database cloned from a migrated template, so files never see each other's rows.
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/database-per-file.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test", AUTH_SECRET: "test-secret-test-secret-test-secret-0123" },
  },
});
