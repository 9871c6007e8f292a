import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // One worker per core, at least two (Vitest's default leaves one core out: 1 worker on 2 cores).
    // The integration files mostly wait on databases, restic and portal servers, so two workers on
    // 2 cores take the suite from about 940 s to about 640 s (docs/decisions/0016).
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ["tests/integration/global-setup.ts"],
    // Limits at least 5 times what the tests take on 2 quiet cores, so a busy machine passes too
    // (docs/decisions/0016); the longest test sets its own.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
