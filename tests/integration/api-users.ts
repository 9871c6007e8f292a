// Callers of the portal's REST API in tests and benchmarks: a user row for an actor (the Owner, or
// a user whose vault roles the caller assigns) and an API token of theirs.
import { OWNER_ROLE } from "@/lib/server/auth/auth";
import type { Actor } from "@/lib/server/auth/authorize";
import { createApiToken } from "@/lib/server/auth/tokens";
import type { Db } from "@/lib/server/db";

/** Creates `actor`'s user and returns a new API token of theirs. */
export async function apiUser(db: Db, actor: Actor, tokenName = "tests"): Promise<string> {
  await db.user.create({
    data: { id: actor.userId, name: actor.name, email: actor.email, role: actor.isOwner ? OWNER_ROLE : "user" },
  });
  const token = await createApiToken(db, { name: tokenName }, actor);
  if (!token.ok) throw new Error(`The API token of ${actor.email} was refused: ${token.message}`);
  return token.data.token;
}
