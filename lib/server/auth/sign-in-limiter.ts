// A limit per account on failed sign-ins: after 5 failures within 15 minutes (counted from the
// first), the account's sign-ins wait out the rest of the window. It runs as better-auth hooks on
// its email sign-in endpoint (lib/server/auth/auth.ts), so it reads the email from the body as
// better-auth parsed it (JSON or form-encoded, whatever it accepts) and covers in-process calls too.
//
// Every attempt takes its slot before the password is checked, in one conditional update, so a
// burst of parallel guesses can't all pass a check made before any of them failed. A success clears
// the count; an attempt that ended without checking a password (invalid body, disabled account)
// gives its slot back.
//
// The counters live in better-auth's RateLimit table under keys of their own ("account:…"), with
// `lastRequest` holding the END of the window: better-auth prunes rows whose lastRequest is older
// than its longest window (a minute), which would otherwise lift a lock early.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/server/db";

export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

const keyOf = (email: string) => `account:${email.trim().toLowerCase()}`;

/**
 * Takes one of the account's attempts: null when it may go on, else the seconds until it may try
 * again. Call settleSignIn with the outcome afterwards.
 */
export async function claimSignIn(db: Db, email: string, now = Date.now()): Promise<number | null> {
  const key = keyOf(email);
  for (let round = 0; round < 5; round++) {
    const taken = await db.rateLimit.updateMany({
      where: { key, lastRequest: { gt: BigInt(now) }, count: { lt: MAX_FAILED_SIGN_INS } },
      data: { count: { increment: 1 } },
    });
    if (taken.count === 1) return null;
    const entry = await db.rateLimit.findUnique({ where: { key } });
    if (!entry) {
      const created = await db.rateLimit
        .createMany({ data: [{ id: randomUUID(), key, count: 1, lastRequest: BigInt(now + SIGN_IN_WINDOW_MS) }] })
        .catch(() => ({ count: 0 }));
      if (created.count === 1) return null;
      continue;
    }
    if (Number(entry.lastRequest) <= now) {
      // The window is over: a new one starts with this attempt (unless another request started it first).
      const restarted = await db.rateLimit.updateMany({
        where: { key, lastRequest: entry.lastRequest },
        data: { count: 1, lastRequest: BigInt(now + SIGN_IN_WINDOW_MS) },
      });
      if (restarted.count === 1) return null;
      continue;
    }
    if (entry.count >= MAX_FAILED_SIGN_INS) return Math.max(1, Math.ceil((Number(entry.lastRequest) - now) / 1000));
  }
  // Only under a storm of concurrent attempts on one account: refuse rather than let one through unchecked.
  return 1;
}

/** The attempt's outcome: a success clears the count, a failure keeps its slot, anything else gives it back. */
export async function settleSignIn(
  db: Db,
  email: string,
  outcome: "succeeded" | "failed" | "not-checked",
): Promise<void> {
  const key = keyOf(email);
  if (outcome === "succeeded") await db.rateLimit.deleteMany({ where: { key } });
  else if (outcome === "not-checked")
    await db.rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}
