// SQLite transactions against another process on the same file: the engine, the web server and
// more engines all write to one SQLite database, so a transaction that reads and then writes must
// wait for the other process's write, never fail with "database is locked".
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/server/db";
import { SQLITE_TEMPLATE, TEST_DATA_DIR } from "./global-setup";

const file = path.join(TEST_DATA_DIR, `sqlite-transactions-${process.pid}.db`);
let db: Db;

beforeAll(async () => {
  copyFileSync(SQLITE_TEMPLATE, file);
  db = createDb(`file:${file}`);
  await db.$executeRawUnsafe("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
  await db.$executeRawUnsafe("INSERT INTO counter (id, value) VALUES (1, 0)");
});

afterAll(() => db.$disconnect());

/** Another process that adds one to the counter, saying so just before it writes. */
function otherProcessIncrement() {
  const script = `
    const connection = new (require("better-sqlite3"))(process.argv[1]);
    connection.pragma("busy_timeout = 20000");
    console.log("writing");
    connection.prepare("UPDATE counter SET value = value + 1 WHERE id = 1").run();
    connection.close();`;
  return spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
}

it("a transaction that reads, then writes while another process writes, waits for it instead of failing", async () => {
  let exited: Promise<unknown[]> | undefined;
  await db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ value: bigint | number }[]>("SELECT value FROM counter WHERE id = 1");
      // The other process tries to write between this transaction's read and its write.
      const other = otherProcessIncrement();
      exited = once(other, "exit");
      await once(other.stdout!, "data");
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tx.$executeRawUnsafe("UPDATE counter SET value = ? WHERE id = 1", Number(row.value) + 10);
    },
    { timeout: 60_000 },
  );
  const [code] = (await exited)!;
  expect(code).toBe(0);
  const [row] = await db.$queryRawUnsafe<{ value: bigint | number }[]>("SELECT value FROM counter WHERE id = 1");
  // Both writes count: this transaction's (read 0, wrote 10), then the other process's (+1).
  expect(Number(row.value)).toBe(11);
});
