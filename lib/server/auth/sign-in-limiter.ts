// A limit per account on failed sign-ins, on top of better-auth's limit per client address (which
// a client can dodge by sending its own X-Forwarded-For unless a trusted proxy sets it): after 5
// failures within 15 minutes, the account's sign-ins wait out the rest of the window.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/server/db";

export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

const keyOf = (email: string) => `account:${email.trim().toLowerCase()}`;

/** Seconds until the account may try again, or null when it may now. */
export async function signInWait(db: Db, email: string, now = Date.now()): Promise<number | null> {
  const entry = await db.rateLimit.findUnique({ where: { key: keyOf(email) } });
  if (!entry || entry.count < MAX_FAILED_SIGN_INS) return null;
  const remaining = Number(entry.lastRequest) + SIGN_IN_WINDOW_MS - now;
  return remaining > 0 ? Math.ceil(remaining / 1000) : null;
}

/** Counts a failure (a window starts at the first one), or clears the count after a success. */
export async function recordSignIn(db: Db, email: string, succeeded: boolean, now = Date.now()): Promise<void> {
  const key = keyOf(email);
  if (succeeded) {
    await db.rateLimit.deleteMany({ where: { key } });
    return;
  }
  const entry = await db.rateLimit.findUnique({ where: { key } });
  if (!entry || Number(entry.lastRequest) + SIGN_IN_WINDOW_MS <= now) {
    await db.rateLimit.upsert({ where: { key }, create: { id: randomUUID(), key, count: 1, lastRequest: BigInt(now) }, update: { count: 1, lastRequest: BigInt(now) } });
  } else {
    await db.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
  }
}
