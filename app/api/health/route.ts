import { getDb } from "@/lib/server/db";
import { engineStatus } from "@/lib/server/engine/service";

/** Database reachability and the engine's last tick. */
export async function GET() {
  let database: "ok" | "unreachable" = "ok";
  try {
    await getDb().vault.count();
  } catch {
    database = "unreachable";
  }
  return Response.json({ status: database === "ok" ? "ok" : "degraded", database, engine: engineStatus() }, { status: database === "ok" ? 200 : 503 });
}
