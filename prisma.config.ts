// Prisma CLI configuration. The CLI is used for `generate` and `migrate diff` only; migrations
// are applied by lib/server/migrations.ts (see README, "Authoring a migration").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/vault-portal.db";
const isPostgres = /^postgres(ql)?:\/\//.test(url);
const provider = isPostgres ? "postgres" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    // allowExitOnIdle: the CLI never closes the pool, which otherwise delays its exit by 10 s.
    return isPostgres
      ? new PrismaPg({ connectionString: url, allowExitOnIdle: true })
      : new PrismaBetterSQLite3({ url });
  },
});
