// The authorization checks of the services: one place for the UI, the actions, the API and the engine's triggers.
import { denial, type Grant, type Permission } from "@/lib/domain/access/permissions";
import type { Db, Tx } from "@/lib/server/db";
import { fail, type ServiceResult } from "@/lib/server/result";

/** Who acts: a signed-in user, or the system (the seed, simulations) acting as the Owner. */
export type Actor = { userId: string; email: string; name: string; isOwner: boolean };

/** The system actor's userId: it is no user (no actor in the activity log, no dashboard). */
export const SYSTEM_USER_ID = "system";

/** The portal itself, for the demo seed and simulations. */
export function systemActor(email: string): Actor {
  return { userId: SYSTEM_USER_ID, email, name: email, isOwner: true };
}

export async function grantOn(db: Db | Tx, actor: Actor, vaultId: string | null): Promise<Grant> {
  if (actor.isOwner || !vaultId) return { isOwner: actor.isOwner, role: null };
  const assignment = await db.vaultRoleAssignment.findUnique({
    where: { userId_vaultId: { userId: actor.userId, vaultId } },
    select: { role: true },
  });
  return { isOwner: false, role: assignment?.role ?? null };
}

/** Null when the actor may; else the 403 refusal (AuthorizationFailed), which changes nothing. */
export async function authorize(
  db: Db | Tx,
  actor: Actor,
  vaultId: string | null,
  permission: Permission,
): Promise<ServiceResult<never> | null> {
  const reason = denial(await grantOn(db, actor, vaultId), permission);
  return reason ? fail("AuthorizationFailed", reason) : null;
}

/** The vaults the actor may see: all for the Owner, else those with a role. */
export async function visibleVaultIds(db: Db, actor: Actor): Promise<string[] | "all"> {
  if (actor.isOwner) return "all";
  return (await db.vaultRoleAssignment.findMany({ where: { userId: actor.userId }, select: { vaultId: true } })).map(
    (assignment) => assignment.vaultId,
  );
}
