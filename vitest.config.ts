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
    // (docs/decisions/0016); the longest test sets its own.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
