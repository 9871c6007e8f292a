// The activity log: who changed what, when, and with which result. A change records itself in its
// own transaction; refusals (denied or failed) are recorded when they are answered.
import type { Prisma } from "@/generated/sqlite/client";
import type { Permission } from "@/lib/domain/access/permissions";
import { type Actor, authorize, SYSTEM_USER_ID } from "@/lib/server/auth/authorize";
import type { Db, Tx } from "@/lib/server/db";
import type { ServiceResult } from "@/lib/server/result";

export type Changes = Record<string, [unknown, unknown]>;
/** `at`: when the operation happened, for services given their time (the seed's virtual clock); else now. */
export type ActivityScope = { actor: Actor; vaultId: string | null; operation: string; at?: Date };

function actorId(actor: Actor): string | null {
  return actor.userId === SYSTEM_USER_ID ? null : actor.userId;
}

/** Records a change that succeeded: await it inside the change's transaction, or put it in the transaction's list. */
export function recordActivity(tx: Db | Tx, scope: ActivityScope, resource: string, changes?: Changes) {
  return tx.activityLogEntry.create({
    data: {
      at: scope.at,
      actorEmail: scope.actor.email,
      actorId: actorId(scope.actor),
      vaultId: scope.vaultId,
      operation: scope.operation,
      resource,
      result: "Succeeded",
      changes: changes as Prisma.InputJsonValue | undefined,
    },
    select: { id: true },
  });
}

/** Longest resource name or reason the log keeps of a refused request. */
const LOGGED_TEXT_MAX_LENGTH = 2000;

/** Text from a refused request as the log keeps it: control characters (NUL, which PostgreSQL refuses) as spaces, and bounded. */
function loggable(text: string): string {
  const bounded = text.length > LOGGED_TEXT_MAX_LENGTH ? `${text.slice(0, LOGGED_TEXT_MAX_LENGTH)}…` : text;
  return bounded.replace(/[\u0000-\u001f\u007f]/g, " ");
}

/**
 * Runs a service operation once the actor's role allows it (on the scope's vault), and records a
 * refusal: Denied when the role doesn't allow it, Failed with the reason otherwise. A success
 * records itself (recordActivity), in its transaction.
 */
export async function withActivity<T>(
  db: Db,
  scope: ActivityScope & { permission: Permission },
  resource: string,
  run: () => Promise<ServiceResult<T>>,
): Promise<ServiceResult<T>> {
  const result = (await authorize(db, scope.actor, scope.vaultId, scope.permission)) ?? (await run());
  if (!result.ok) {
    const denied = result.code === "AuthorizationFailed";
    await db.activityLogEntry.create({
      data: {
        at: scope.at,
        actorEmail: scope.actor.email,
        actorId: actorId(scope.actor),
        vaultId: scope.vaultId,
        operation: scope.operation,
        resource: loggable(resource),
        result: denied ? "Denied" : "Failed",
        reason: loggable(result.message),
      },
    });
  }
  return result;
}

/**
 * The vault id a request names, for its scope: server actions take untrusted arguments, so a
 * missing or non-string id is no vault (refused as such, and logged without one) rather than a crash.
 */
export function requestedId(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** Only the fields whose values differ, as [before, after]. */
export function changed(before: Record<string, unknown>, after: Record<string, unknown>): Changes | undefined {
  const changes: Changes = {};
  for (const key of Object.keys(after)) {
    const from = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const to = after[key] instanceof Date ? (after[key] as Date).toISOString() : after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = [from ?? null, to ?? null];
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}
