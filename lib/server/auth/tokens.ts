// API tokens: `Authorization: Bearer vp_<prefix>_<secret>` acts as the token's user, with their roles.
// Only a SHA-256 hash is stored; the token is found by its public prefix and its hash compared in
// constant time. Revoked, expired or disabled users' tokens are refused.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Prisma } from "@/generated/sqlite/client";
import { inLabelOrder, type Sort } from "@/lib/domain/sorting";
import { createTokenSchema, revokeTokenSchema } from "@/lib/schemas/access";
import { recordActivity, withActivity } from "@/lib/server/activity";
import type { Db } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";
import { OWNER_ROLE } from "./auth";
import { type Actor, SYSTEM_USER_ID } from "./authorize";

const TOKEN_PATTERN = /^vp_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const DAY_MS = 86_400_000;

export const sha256 = (value: string) => createHash("sha256").update(value).digest();

/** A secret's public part, by which it is found without the secret: 12 lower-case letters and digits. */
export function randomPrefix(): string {
  return randomBytes(9)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")
    .slice(0, 12)
    .padEnd(12, "0");
}

/** Creates a token for the actor; the token itself is returned this once. */
export async function createApiToken(
  db: Db,
  input: { name: string; expiresInDays?: number | string | null },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ id: string; token: string; expiresAt: Date | null }>> {
  const scope = {
    actor,
    vaultId: null,
    operation: "Create API token",
    permission: "manageOwnAccount",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.name ?? ""), async () => {
    const parsed = createTokenSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    if (actor.userId === SYSTEM_USER_ID) return fail("BadRequest", "Tokens belong to users.");
    const prefix = randomPrefix();
    const token = `vp_${prefix}_${randomBytes(32).toString("base64url")}`;
    const expiresAt = parsed.data.expiresInDays ? new Date(now.getTime() + parsed.data.expiresInDays * DAY_MS) : null;
    const [created] = await db.$transaction([
      db.apiToken.create({
        data: {
          userId: actor.userId,
          name: parsed.data.name,
          prefix,
          tokenHash: sha256(token).toString("hex"),
          expiresAt,
          createdAt: now,
        },
        select: { id: true },
      }),
      recordActivity(db, scope, parsed.data.name, {
        prefix: [null, prefix],
        expiresAt: [null, expiresAt?.toISOString() ?? "never"],
      }),
    ]);
    return ok({ id: created.id, token, expiresAt });
  });
}

/** My account's API tokens list: its sortable columns, newest first unless the address says otherwise. */
export const TOKEN_SORT_COLUMNS = ["name", "created", "expires", "used", "status"] as const;
export type TokenSortColumn = (typeof TOKEN_SORT_COLUMNS)[number];
export const DEFAULT_TOKEN_SORT: Sort<TokenSortColumn> = { column: "created", direction: "descending" };

/** How the list orders each column: Never expires after every date, Last used's empty cells last, Status as at `now`. */
function tokenOrders(
  now: Date,
): Record<TokenSortColumn, ColumnOrder<Prisma.ApiTokenWhereInput, Prisma.ApiTokenOrderByWithRelationInput>> {
  return {
    name: { orderBy: (order) => ({ name: order }) },
    created: { orderBy: (order) => ({ createdAt: order }) },
    expires: { orderBy: (order) => ({ expiresAt: { sort: order, nulls: order === "asc" ? "last" : "first" } }) },
    used: { orderBy: (order) => ({ lastUsedAt: { sort: order, nulls: "last" } }) },
    status: {
      groups: inLabelOrder(
        [
          { label: "Revoked", where: { revokedAt: { not: null } } },
          { label: "Expired", where: { revokedAt: null, expiresAt: { lte: now } } },
          { label: "Active", where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } },
        ],
        (status) => status.label,
        (status) => status.where,
      ),
    },
  };
}

export function listApiTokens(db: Db, actor: Actor, sort = DEFAULT_TOKEN_SORT, now = new Date()) {
  return findSorted(
    (args) =>
      db.apiToken.findMany({
        ...args,
        select: {
          id: true,
          name: true,
          prefix: true,
          createdAt: true,
          expiresAt: true,
          lastUsedAt: true,
          revokedAt: true,
        },
      }),
    {
      where: { userId: actor.userId },
      column: tokenOrders(now)[sort.column],
      direction: sort.direction,
      tiebreak: [{ createdAt: "desc" }, { id: "desc" }],
    },
  );
}

export async function revokeApiToken(
  db: Db,
  input: { tokenId: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ name: string }>> {
  const scope = {
    actor,
    vaultId: null,
    operation: "Revoke API token",
    permission: "manageOwnAccount",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.tokenId ?? ""), async () => {
    const parsed = revokeTokenSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    // Users revoke their own tokens; the Owner anyone's.
    const token = await db.apiToken.findFirst({
      where: { id: parsed.data.tokenId, ...(actor.isOwner ? {} : { userId: actor.userId }) },
    });
    if (!token) return fail("ResourceNotFound", "The token was not found.");
    if (token.revokedAt) return ok({ name: token.name });
    await db.$transaction([
      db.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } }),
      recordActivity(db, scope, token.name, { revokedAt: [null, now.toISOString()] }),
    ]);
    return ok({ name: token.name });
  });
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor a bearer token stands for, or null when it is unknown, revoked, expired or its user disabled. */
export async function actorOfToken(db: Db, token: string, now = new Date()): Promise<Actor | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const stored = await db.apiToken.findUnique({
    where: { prefix: match[1] },
    include: { user: { select: { id: true, email: true, name: true, role: true, banned: true } } },
  });
  if (!stored) return null;
  const given = sha256(token);
  const expected = Buffer.from(stored.tokenHash, "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (stored.revokedAt || (stored.expiresAt && stored.expiresAt <= now) || stored.user.banned) return null;
  // A script calls many times a minute: record the use, not every request.
  if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: stored.id }, data: { lastUsedAt: now } });
  }
  return {
    userId: stored.user.id,
    email: stored.user.email,
    name: stored.user.name,
    isOwner: stored.user.role === OWNER_ROLE,
  };
}
