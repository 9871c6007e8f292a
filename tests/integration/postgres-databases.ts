// Uniquely named PostgreSQL databases for tests, created empty or as a copy of a template database
// (PostgreSQL's CREATE DATABASE … TEMPLATE copies files: far faster than migrating and seeding).
import { randomBytes } from "node:crypto";
import pg from "pg";

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** Connection URL of a database named `name` on the server of `baseUrl`. */
export function withDatabaseName(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(baseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export type PostgresDatabase = { name: string; url: string; drop: () => Promise<void> };

export async function createPostgresDatabase(
  baseUrl: string,
  prefix = "vp_test",
  template?: string,
): Promise<PostgresDatabase> {
  const name = uniqueName(prefix);
  await onServer(baseUrl, (client) =>
    client.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`),
  );
  return {
    name,
    url: withDatabaseName(baseUrl, name),
    drop: async () => {
      await onServer(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
