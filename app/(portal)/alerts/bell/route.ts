// The bell's new alerts, polled by the top bar: the signed-in user's, from the database (the same
// in every browser).
import { currentActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { BELL_ALERTS, newAlertsForUser } from "@/lib/server/services/alerts";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const actor = await currentActor(request.headers);
  if (!actor) return Response.json({ error: { code: "Unauthorized", message: "Sign in first." } }, { status: 401 });
  return Response.json(await newAlertsForUser(getDb(), actor, BELL_ALERTS), {
    headers: { "Cache-Control": "no-store" },
  });
}
