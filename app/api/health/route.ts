import { getDb } from "@/lib/server/db";
import { engineStatus } from "@/lib/server/engine/service";

/**
 * Database reachability and this process's engine: 503 "degraded" with the reason when the
 * database is unreachable, or when the engine runs here and hasn't completed a tick for over two
 * tick intervals.
 */
export async function GET() {
  let database: "ok" | "unreachable" = "ok";
  try {
    await getDb().vault.count();
  } catch {
    database = "unreachable";
  }
  const engine = engineStatus();
  const reason =
    database !== "ok" ? "The database is unreachable." : engine.status === "degraded" ? engine.reason : null;
  return Response.json(
    { status: reason ? "degraded" : "ok", ...(reason ? { reason } : {}), database, engine },
    { status: reason ? 503 : 200 },
  );
}
