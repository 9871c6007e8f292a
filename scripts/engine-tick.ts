// Runs one engine tick at a given instant (a virtual clock) against DATABASE_URL, with the instant
// data mover: for tests of several engines on one database, and for simulations.
// Usage: tsx scripts/engine-tick.ts --at 2024-06-01T18:00:05Z
import { resolveDatabaseUrl } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/db";
import { VirtualClock } from "@/lib/server/engine/clock";
import { instantMover } from "@/lib/server/engine/data-mover";
import { createEngine } from "@/lib/server/engine/engine";
import { engineOptionsFromEnv } from "@/lib/server/engine/options";

const atIndex = process.argv.indexOf("--at");
const at = new Date(process.argv[atIndex + 1] ?? "");
if (atIndex < 0 || Number.isNaN(at.getTime())) {
  console.error("usage: tsx scripts/engine-tick.ts --at ISO");
  process.exit(2);
}
const db = createDb(resolveDatabaseUrl());
try {
  const result = await createEngine({
    db,
    clock: new VirtualClock(at),
    mover: instantMover,
    options: engineOptionsFromEnv(),
  }).tick();
  // The tick returns once it has planned and swept; its backups run on, and this script waits for them.
  const outcomes = await result.runs;
  console.log(JSON.stringify({ at: result.at, planned: result.planned, outcomes, sweep: result.sweep }));
} finally {
  await db.$disconnect();
}
