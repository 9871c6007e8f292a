// `npm start` serves the production build: build it when it is missing or older than the sources.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestChange(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, child) => Math.max(newest, newestChange(path.join(entry, child))),
    stats.mtimeMs,
  );
}

const buildId = ".next/BUILD_ID";
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (builtAt === 0 || SOURCES.some((source) => newestChange(source) > builtAt)) {
  console.log(
    builtAt === 0 ? "No production build yet: building…" : "Sources changed since the last build: rebuilding…",
  );
  execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
