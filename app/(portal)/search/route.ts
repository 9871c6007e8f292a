// The top bar's search, asked as the user types: what the signed-in user can see.
import { currentActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { searchResources } from "@/lib/server/services/search";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const actor = await currentActor(request.headers);
  if (!actor) return Response.json({ error: { code: "Unauthorized", message: "Sign in first." } }, { status: 401 });
  const term = new URL(request.url).searchParams.get("q");
  return Response.json(await searchResources(getDb(), actor, term), { headers: { "Cache-Control": "no-store" } });
}
