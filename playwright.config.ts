import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Evaluated by the runner and again by each worker: the variables set here on the first pass are
// inherited by the workers, so all of them agree on one throw-away database and one server.
process.env.E2E_STATE_DIR ??= mkdtempSync(join(tmpdir(), "tianshan-e2e-"));
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium where it is installed (CI, this project's machines: no browser downloads);
// elsewhere Playwright's own browser.
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Asia/Almaty",
    trace: "retain-on-failure",
    launchOptions: existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        }
      : {},
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The built app (`npm run build` first) on a fresh database with the demo data.
    command: "npx tsx e2e/server.ts",
    url: `${baseURL}/api/trpc/health.ping`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(port), APP_URL: baseURL, NEXT_TELEMETRY_DISABLED: "1" },
  },
});
