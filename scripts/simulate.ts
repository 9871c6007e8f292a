import { readFileSync } from "node:fs";
import { runSimulate } from "@/lib/cli/simulate";

// The engine's job logs would mix with the JSON on stdout.
if (process.argv.includes("--engine")) process.env.LOG_LEVEL ??= "warn";
const engineSimulator = process.argv.includes("--engine")
  ? (await import("@/lib/server/engine/simulation")).simulateOnEngine
  : undefined;
const result = await runSimulate(process.argv.slice(2), (path) => readFileSync(path, "utf8"), engineSimulator);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
