// Writes prisma/postgres/schema.prisma from the SQLite schema, the single source of truth.
// Only the provider and the generated client's folder differ.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

export function postgresSchemaFrom(sqliteSchema) {
  const replacements = [
    ['output     = "../../generated/sqlite"', 'output     = "../../generated/postgres"'],
    ['provider = "sqlite"', 'provider = "postgresql"'],
  ];
  let schema = sqliteSchema;
  for (const [from, to] of replacements) {
    if (!schema.includes(from)) throw new Error(`gen-pg-schema: "${from}" not found in the SQLite schema`);
    schema = schema.replace(from, to);
  }
  return "// GENERATED from prisma/sqlite/schema.prisma by scripts/gen-pg-schema.mjs: do not edit.\n" + schema;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync("prisma/postgres", { recursive: true });
  writeFileSync(
    "prisma/postgres/schema.prisma",
    postgresSchemaFrom(readFileSync("prisma/sqlite/schema.prisma", "utf8")),
  );
}
