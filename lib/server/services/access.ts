// Access control: role assignments per vault (IAM) and the users the Owner manages.
import type { Prisma } from "@/generated/sqlite/client";
import { VAULT_ROLE_LABELS, VAULT_ROLES } from "@/lib/domain/access/permissions";
import { inLabelOrder, type Sort } from "@/lib/domain/sorting";
import {
  assignRoleSchema,
  createUserSchema,
  removeRoleSchema,
  resetPasswordSchema,
  userIdSchema,
} from "@/lib/schemas/access";
import { type Auth, OWNER_ROLE } from "@/lib/server/auth/auth";
import { type Actor, authorize } from "@/lib/server/auth/authorize";
import { activeTokenCount, revokeUserAccess } from "@/lib/server/auth/revocation";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import type { Db } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";

/** Access control (IAM)'s sortable columns; by role unless the address says otherwise. */
export const ROLE_ASSIGNMENT_SORT_COLUMNS = ["name", "email", "role", "assigned"] as const;
export type RoleAssignmentSortColumn = (typeof ROLE_ASSIGNMENT_SORT_COLUMNS)[number];
export const DEFAULT_ROLE_ASSIGNMENT_SORT: Sort<RoleAssignmentSortColumn> = { column: "role", direction: "ascending" };

const ROLE_ASSIGNMENT_ORDERS: Record<
  RoleAssignmentSortColumn,
  ColumnOrder<Prisma.VaultRoleAssignmentWhereInput, Prisma.VaultRoleAssignmentOrderByWithRelationInput>
> = {
  name: { orderBy: (order) => ({ user: { name: order } }) },
  email: { orderBy: (order) => ({ user: { email: order } }) },
  role: {
    groups: inLabelOrder(
      VAULT_ROLES,
      (role) => VAULT_ROLE_LABELS[role],
      (role) => ({ role }),
    ),
  },
  assigned: { orderBy: (order) => ({ createdAt: order }) },
};

/** A vault's role assignments, by role (then email) unless sorted otherwise. */
export async function listRoleAssignments(db: Db, vaultId: string, sort = DEFAULT_ROLE_ASSIGNMENT_SORT) {
  return findSorted(
    (args) =>
      db.vaultRoleAssignment.findMany({
        ...args,
        select: {
          id: true,
          role: true,
          createdAt: true,
          user: { select: { id: true, name: true, email: true, banned: true } },
        },
      }),
    {
      where: { vaultId },
      column: ROLE_ASSIGNMENT_ORDERS[sort.column],
      direction: sort.direction,
      tiebreak: [{ user: { email: "asc" } }, { id: "asc" }],
    },
  );
}

/** Gives a user a role on a vault (replacing the one they had there). */
export async function assignRole(
  db: Db,
  input: { vaultId: string; userId: string; role: string },
  actor: Actor,
): Promise<ServiceResult<{ email: string; role: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Add role assignment",
    permission: "manageAccess",
  } as const;
  return withActivity(db, scope, String(input?.userId ?? ""), async () => {
    const parsed = assignRoleSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, userId, role } = parsed.data;
    const [vault, user] = await Promise.all([
      db.vault.findUnique({ where: { id: vaultId }, select: { id: true } }),
      db.user.findUnique({ where: { id: userId }, select: { email: true } }),
    ]);
    if (!vault) return fail("ResourceNotFound", "The vault was not found.");
    if (!user) return fail("ResourceNotFound", "The user was not found.", { userId: ["Choose a user."] });
    const previous = await db.vaultRoleAssignment.findUnique({
      where: { userId_vaultId: { userId, vaultId } },
      select: { role: true },
    });
    await db.$transaction(async (tx) => {
      await tx.vaultRoleAssignment.upsert({
        where: { userId_vaultId: { userId, vaultId } },
        create: { userId, vaultId, role },
        update: { role },
      });
      await recordActivity(tx, scope, user.email, changed({ role: previous?.role ?? null }, { role }));
    });
    return ok({ email: user.email, role });
  });
}

export async function removeRoleAssignment(
  db: Db,
  input: { vaultId: string; assignmentId: string },
  actor: Actor,
): Promise<ServiceResult<{ email: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Remove role assignment",
    permission: "manageAccess",
  } as const;
  return withActivity(db, scope, String(input?.assignmentId ?? ""), async () => {
    const parsed = removeRoleSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const assignment = await db.vaultRoleAssignment.findFirst({
      where: { id: parsed.data.assignmentId, vaultId: parsed.data.vaultId },
      include: { user: { select: { email: true } } },
    });
    if (!assignment) return fail("ResourceNotFound", "The role assignment was not found.");
    await db.$transaction(async (tx) => {
      await tx.vaultRoleAssignment.delete({ where: { id: assignment.id } });
      await recordActivity(tx, scope, assignment.user.email, { role: [assignment.role, null] });
    });
    return ok({ email: assignment.user.email });
  });
}

/** The Users list's sortable columns; by email unless the address says otherwise. */
export const USER_SORT_COLUMNS = ["name", "email", "role", "status", "created"] as const;
export type UserSortColumn = (typeof USER_SORT_COLUMNS)[number];
export const DEFAULT_USER_SORT: Sort<UserSortColumn> = { column: "email", direction: "ascending" };

const USER_ORDERS: Record<UserSortColumn, ColumnOrder<Prisma.UserWhereInput, Prisma.UserOrderByWithRelationInput>> = {
  name: { orderBy: (order) => ({ name: order }) },
  email: { orderBy: (order) => ({ email: order }) },
  // Role and Status as the list shows them: Owner or User, Disabled or Active (a null is the default).
  role: {
    groups: inLabelOrder(
      [
        { label: "Owner", where: { role: OWNER_ROLE } },
        { label: "User", where: { OR: [{ role: null }, { role: { not: OWNER_ROLE } }] } },
      ],
      (role) => role.label,
      (role) => role.where,
    ),
  },
  status: {
    groups: inLabelOrder(
      [
        { label: "Disabled", where: { banned: true } },
        { label: "Active", where: { OR: [{ banned: null }, { banned: false }] } },
      ],
      (status) => status.label,
      (status) => status.where,
    ),
  },
  created: { orderBy: (order) => ({ createdAt: order }) },
};

export async function listUsers(db: Db, actor: Actor, sort = DEFAULT_USER_SORT) {
  const denied = await authorize(db, actor, null, "manageAccess");
  if (denied) return denied;
  return ok(
    await findSorted(
      (args) =>
        db.user.findMany({
          ...args,
          select: {
            id: true,
            name: true,
            email: true,
            role: true,
            banned: true,
            createdAt: true,
            _count: { select: { vaultRoles: true } },
          },
        }),
      { where: {}, column: USER_ORDERS[sort.column], direction: sort.direction, tiebreak: [{ email: "asc" }] },
    ),
  );
}

/** The Owner creates an account (there is no self sign-up). */
export async function createUser(
  db: Db,
  auth: Auth,
  input: { name: string; email: string; password: string },
  actor: Actor,
): Promise<ServiceResult<{ email: string }>> {
  const scope = { actor, vaultId: null, operation: "Create user", permission: "manageAccess" } as const;
  return withActivity(db, scope, String(input?.email ?? ""), async () => {
    const parsed = createUserSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    if (await db.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } })) {
      const message = `A user with the email ${parsed.data.email} exists already.`;
      return fail("Conflict", message, { email: [message] });
    }
    // better-auth writes the account; the entry follows it.
    await auth.api.createUser({ body: { ...parsed.data } });
    await recordActivity(db, scope, parsed.data.email, { name: [null, parsed.data.name] });
    return ok({ email: parsed.data.email });
  });
}

/**
 * Disables (or enables again) a user: a disabled user can't sign in, their sessions end and their
 * API tokens are revoked (enabling them again doesn't bring those back).
 */
export async function setUserDisabled(
  db: Db,
  input: { userId: string },
  disabled: boolean,
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ email: string }>> {
  const scope = {
    actor,
    vaultId: null,
    operation: disabled ? "Disable user" : "Enable user",
    permission: "manageAccess",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.userId ?? ""), async () => {
    const parsed = userIdSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    if (parsed.data.userId === actor.userId) return fail("BadRequest", "You can't disable your own account.");
    const user = await db.user.findUnique({ where: { id: parsed.data.userId }, select: { id: true, email: true } });
    if (!user) return fail("ResourceNotFound", "The user was not found.");
    const tokens = disabled ? await activeTokenCount(db, user.id, now) : 0;
    await db.$transaction([
      db.user.update({
        where: { id: user.id },
        data: { banned: disabled, banReason: disabled ? "Disabled by the Owner" : null },
      }),
      ...(disabled ? revokeUserAccess(db, user.id, now) : []),
      recordActivity(db, scope, user.email, {
        disabled: [!disabled, disabled],
        ...(tokens > 0 ? { activeApiTokens: [tokens, 0] } : {}),
      }),
    ]);
    return ok({ email: user.email });
  });
}

/** The Owner sets a new password for a user; their sessions end and their API tokens are revoked. */
export async function resetUserPassword(
  db: Db,
  auth: Auth,
  input: { userId: string; password: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ email: string }>> {
  const scope = { actor, vaultId: null, operation: "Reset password", permission: "manageAccess", at: now } as const;
  return withActivity(db, scope, String(input?.userId ?? ""), async () => {
    const parsed = resetPasswordSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const user = await db.user.findUnique({ where: { id: parsed.data.userId }, select: { id: true, email: true } });
    if (!user) return fail("ResourceNotFound", "The user was not found.");
    const hash = await (await auth.$context).password.hash(parsed.data.password);
    const tokens = await activeTokenCount(db, user.id, now);
    await db.$transaction([
      db.account.updateMany({ where: { userId: user.id, providerId: "credential" }, data: { password: hash } }),
      ...revokeUserAccess(db, user.id, now),
      recordActivity(db, scope, user.email, tokens > 0 ? { activeApiTokens: [tokens, 0] } : undefined),
    ]);
    return ok({ email: user.email });
  });
}
