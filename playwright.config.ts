import { defineConfig } from "@playwright/test";

// The production build against a fresh SQLite file seeded with the demo estate.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:.e2e-data/vault-portal.db";

/** The Owner the e2e server creates on first run; tests/e2e/auth.setup.ts signs in as them. */
export const E2E_OWNER = { email: "owner@e2e.test", password: "Owner-e2e-password-2026" };
export const OWNER_STATE = ".e2e-data/owner-state.json";
/** The signed-in state of each demo user (tests/e2e/auth.setup.ts). */
export const stateOf = (email: string) => `.e2e-data/${email.split("@")[0]}-state.json`;

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  // At least 5 times what a test and a page's answer take on 2 quiet cores, so a busy machine passes too.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    timezoneId: "Europe/Berlin",
    // The time-zone cookie the portal sets on a first visit, so pages don't re-render mid-test;
    // time-zone.spec.ts covers the first visit itself.
    storageState: {
      cookies: [
        {
          name: "tz",
          value: "Europe/Berlin",
          domain: "127.0.0.1",
          path: "/",
          expires: -1,
          httpOnly: false,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    },
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    trace: "retain-on-failure",
  },
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "portal", dependencies: ["sign-in"], use: { storageState: OWNER_STATE } },
  ],
  webServer: {
    command: `rm -rf .e2e-data && npx tsx scripts/prepare-db.ts && PORT=${PORT} exec bash scripts/serve.sh`,
    url: `http://127.0.0.1:${PORT}/`,
    // The engine starts with the server, but ticks only at New Year, so the demo data stays put while tests run;
    // Backup now runs at once, and fast.
    env: {
      ADMIN_EMAIL: E2E_OWNER.email,
      ADMIN_PASSWORD: E2E_OWNER.password,
      DATABASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      ENGINE_TICK_CRON: "0 0 1 1 *",
      ENGINE_THROUGHPUT_MB_PER_SECOND: "100000",
      VAULT_STORAGE_DIR: ".e2e-data/vault-storage",
      // Two processes, as npm start runs on 2 cores: the tests go through the cluster (docs/decisions/0018).
      WEB_CONCURRENCY: "2",
    },
    reuseExistingServer: false,
    // Seeding the demo estate takes about 25 s of it on 2 quiet cores.
    timeout: 300_000,
  },
});
