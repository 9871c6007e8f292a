// Who is signed in, for pages, server actions and route handlers. Every page of the portal and
// every action goes through here: without a session there is nothing to see or change.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuth, OWNER_ROLE } from "./auth";
import { getDb } from "@/lib/server/db";
import type { Actor } from "./authorize";
import { actorOfToken } from "./tokens";

async function actorOf(source: Headers): Promise<Actor | null> {
  const bearer = /^Bearer\s+(vp_\S+)$/i.exec(source.get("authorization") ?? "");
  if (bearer) return actorOfToken(getDb(), bearer[1]);
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: source });
  if (!session) return null;
  return { userId: session.user.id, email: session.user.email, name: session.user.name, isOwner: session.user.role === OWNER_ROLE };
}

// The layout, the vault loader and the page all ask: one session lookup per request.
const actorOfThisRequest = cache(async () => actorOf(await headers()));

/** The signed-in user of this request (a session cookie, or an API token as `Authorization: Bearer`), or null. */
export function currentActor(requestHeaders?: Headers): Promise<Actor | null> {
  return requestHeaders ? actorOf(requestHeaders) : actorOfThisRequest();
}

/** The signed-in user; without one, the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
