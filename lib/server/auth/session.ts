// Who is signed in, for pages, server actions and route handlers. Every page of the portal and
// every action goes through here: without a session there is nothing to see or change.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuth, OWNER_ROLE } from "./auth";
import { getDb } from "@/lib/server/db";
import type { Actor } from "./authorize";
import { actorOfToken } from "./tokens";

/**
 * The token of an `Authorization: Bearer …` header ("" when the header names the scheme without a
 * valid token), or null when the request carries no Bearer credentials.
 */
export function bearerTokenOf(source: Headers): string | null {
  const match = /^Bearer(?:\s+(.*))?$/is.exec(source.get("authorization")?.trim() ?? "");
  return match ? (match[1] ?? "").trim() : null;
}

async function actorOf(source: Headers): Promise<Actor | null> {
  // A request that presents a Bearer token is that token's, or nobody's: never the cookie's
  // instead (a bad token must not turn a request into a cookie request past the checks those get).
  const bearer = bearerTokenOf(source);
  if (bearer !== null) return bearer ? actorOfToken(getDb(), bearer) : null;
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: source });
  if (!session) return null;
  return {
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    isOwner: session.user.role === OWNER_ROLE,
  };
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
