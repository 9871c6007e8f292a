import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["tests/integration/global-setup.ts"],
    // Limits at least 5 times what the tests take on 2 quiet cores, so a busy machine passes too
    // (README, Development); the few longer tests set their own.
    testTimeout: 150_000,
    hookTimeout: 300_000,
  },
});
