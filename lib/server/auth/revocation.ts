// Ending a user's access: every session (signed-in browsers) and every API token. The Owner's
// password reset and disabling a user do both, as Entra ID revokes a user's refresh tokens when an
// administrator resets the password or blocks sign-in. Revoked tokens stay revoked when the user is
// enabled again: they make new ones.
import type { Db, Tx } from "@/lib/server/db";

/** The writes, for a transaction's list: sessions deleted, tokens not yet revoked marked revoked. */
export function revokeUserAccess(db: Db, userId: string, now = new Date()) {
  return [
    db.session.deleteMany({ where: { userId } }),
    db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
  ];
}

/** How many of the user's tokens would still work (not revoked, not expired), for the activity log. */
export function activeTokenCount(db: Db | Tx, userId: string, now = new Date()) {
  return db.apiToken.count({
    where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
}
