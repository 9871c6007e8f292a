#!/usr/bin/env node
// npx vault-portal-agent <command>: the Backup Agent (lib/agent/cli.ts), run with tsx from this checkout.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url));
const { status } = spawnSync(
  process.execPath,
  [tsx, "--tsconfig", `${root}tsconfig.json`, `${root}lib/agent/cli.ts`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
process.exit(status ?? 1);
