import path from "node:path";

export const DEFAULT_SQLITE_FILE = "data/vault-portal.db";

export type DatabaseProvider = "sqlite" | "postgres";

export function providerOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/**
 * The database URL in force: DATABASE_URL, else the embedded SQLite file. SQLite paths are made
 * absolute because the adapter resolves them against the process's working directory.
 */
export function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const url = env.DATABASE_URL?.trim() || `file:${DEFAULT_SQLITE_FILE}`;
  if (providerOf(url) === "postgres") return url;
  const file = url.replace(/^file:/, "");
  return `file:${path.resolve(cwd, file)}`;
}

export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "");
}
