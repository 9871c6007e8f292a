// npm run tokens -- create --email <user> --name <name> [--expires-days <n>]
// Creates an API token for an existing user of DATABASE_URL and prints it alone on the last line.
import { OWNER_ROLE } from "@/lib/server/auth/auth";
import { createApiToken } from "@/lib/server/auth/tokens";
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { migrateDatabase } from "@/lib/server/migrations";

const USAGE = "usage: npm run tokens -- create --email <user> --name <name> [--expires-days <n>]";
const [command, ...rest] = process.argv.slice(2);
const option = (flag: string) => {
  const index = rest.indexOf(flag);
  return index >= 0 ? rest[index + 1] : undefined;
};
const email = option("--email")?.toLowerCase();
const name = option("--name");
if (command !== "create" || !email || !name) {
  console.error(USAGE);
  process.exit(2);
}
const url = resolveDatabaseUrl();
await migrateDatabase(url);
const db = createDb(url);
try {
  const user = await db.user.findUnique({ where: { email } });
  if (!user) {
    console.error(`No user ${email}. The Owner creates users on the Users page.`);
    process.exitCode = 2;
  } else {
    const created = await createApiToken(
      db,
      { name, expiresInDays: option("--expires-days") },
      { userId: user.id, email: user.email, name: user.name, isOwner: user.role === OWNER_ROLE },
    );
    if (!created.ok) {
      console.error(
        `${created.message}${created.fieldErrors ? ` ${Object.values(created.fieldErrors).flat().join(" ")}` : ""}`,
      );
      process.exitCode = 2;
    } else {
      console.log(
        `Token "${name}" for ${user.email}${created.data.expiresAt ? `, expires ${created.data.expiresAt.toISOString()}` : ", never expires"}:`,
      );
      console.log(created.data.token);
    }
  }
} finally {
  await db.$disconnect();
}
