// The inventory: the simulated VMs and Backup Agent servers the portal can protect (there is no
// real Azure behind it), so every scenario can be played: add, register, delete a VM behind
// backup's back.
import {
  addFolderSchema,
  addServerSchema,
  addVirtualMachineSchema,
  type AddVirtualMachineInput,
  inventoryItemSchema,
  registerServerSchema,
} from "@/lib/schemas/inventory";
import type { Prisma } from "@/generated/sqlite/client";
import { allows, VAULT_ROLES } from "@/lib/domain/access/permissions";
import { inLabelOrder, type Sort } from "@/lib/domain/sorting";
import { counted } from "@/lib/domain/format/count";
import { type Actor, visibleVaultIds } from "@/lib/server/auth/authorize";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import type { Db, Tx } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";

/**
 * What of the inventory a user sees. Azure shows a VM to whoever may read its resource group; the
 * portal has no resource-group roles, so: the Owner sees everything; others see the VMs and servers
 * that the vaults they have a role on protect or have registered (with those vaults' items only),
 * and, with Backup Operator or more on at least one vault, the VMs no vault protects and the servers
 * registered to none, which they need to configure backup. What another vault protects stays hidden.
 */
export type InventoryScope = { all: true } | { all: false; vaultIds: string[]; unprotected: boolean };

export async function inventoryScope(db: Db, actor: Actor): Promise<InventoryScope> {
  const vaultIds = await visibleVaultIds(db, actor);
  if (vaultIds === "all") return { all: true };
  const configuring = VAULT_ROLES.filter((role) => allows({ isOwner: false, role }, "configureBackup"));
  const unprotected =
    vaultIds.length > 0 &&
    (await db.vaultRoleAssignment.count({ where: { userId: actor.userId, role: { in: [...configuring] } } })) > 0;
  return { all: false, vaultIds, unprotected };
}

/** Prisma filters of a scope: VMs and servers shown, and the backup items and vaults shown with them. */
function scopeFilters(scope: InventoryScope): {
  virtualMachine: Prisma.VirtualMachineWhereInput;
  server: Prisma.BackupAgentServerWhereInput;
  item: Prisma.ProtectedItemWhereInput;
  vault: Prisma.VaultWhereInput;
} {
  if (scope.all) return { virtualMachine: {}, server: {}, item: {}, vault: {} };
  const inVaults = { vaultId: { in: scope.vaultIds } };
  return {
    virtualMachine: {
      OR: [{ protectedItems: { some: inVaults } }, ...(scope.unprotected ? [{ protectedItems: { none: {} } }] : [])],
    },
    server: { OR: [inVaults, ...(scope.unprotected ? [{ vaultId: null }] : [])] },
    item: inVaults,
    vault: { id: { in: scope.vaultIds } },
  };
}

/** The inventory's Virtual machines list: its sortable columns, by name unless the address says otherwise. */
export const VM_SORT_COLUMNS = ["name", "group", "region", "os", "size", "state"] as const;
export type VmSortColumn = (typeof VM_SORT_COLUMNS)[number];
export const DEFAULT_VM_SORT: Sort<VmSortColumn> = { column: "name", direction: "ascending" };

const VM_ORDERS: Record<
  VmSortColumn,
  ColumnOrder<Prisma.VirtualMachineWhereInput, Prisma.VirtualMachineOrderByWithRelationInput>
> = {
  name: { orderBy: (order) => ({ name: order }) },
  group: { orderBy: (order) => ({ resourceGroup: order }) },
  region: { orderBy: (order) => ({ location: order }) },
  os: { orderBy: (order) => ({ osType: order }) },
  size: { orderBy: (order) => ({ sizeGb: order }) },
  // State as the list shows it: Running, or Deleted (when).
  state: {
    groups: inLabelOrder(
      [
        { label: "Running", where: { deletedAt: null } },
        { label: "Deleted", where: { deletedAt: { not: null } } },
      ],
      (state) => state.label,
      (state) => state.where,
    ),
  },
};

export async function listInventory(db: Db, actor: Actor, vmSort = DEFAULT_VM_SORT) {
  const filters = scopeFilters(await inventoryScope(db, actor));
  const [virtualMachines, servers, vaults] = await Promise.all([
    findSorted(
      (args) =>
        db.virtualMachine.findMany({
          ...args,
          include: {
            protectedItems: {
              where: filters.item,
              select: {
                id: true,
                deletedAt: true,
                backupManagementType: true,
                vault: { select: { id: true, name: true } },
              },
            },
          },
        }),
      {
        where: filters.virtualMachine,
        column: VM_ORDERS[vmSort.column],
        direction: vmSort.direction,
        tiebreak: [{ name: "asc" }, { id: "asc" }],
      },
    ),
    db.backupAgentServer.findMany({
      where: filters.server,
      orderBy: [{ name: "asc" }],
      include: {
        vault: { select: { id: true, name: true } },
        folders: {
          orderBy: { path: "asc" },
          include: { protectedItems: { where: filters.item, select: { id: true, vault: { select: { name: true } } } } },
        },
      },
    }),
    db.vault.findMany({ where: filters.vault, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { virtualMachines, servers, vaults };
}

/** Whether the actor may see this VM (InventoryScope): the REST API answers 404 for one they can't. */
export async function canSeeVirtualMachine(db: Db, actor: Actor, vmId: string): Promise<boolean> {
  const scope = await inventoryScope(db, actor);
  if (scope.all) return true;
  return (await db.virtualMachine.count({ where: { AND: [{ id: vmId }, scopeFilters(scope).virtualMachine] } })) > 0;
}

export type VirtualMachineName = { subscriptionId: string; resourceGroup: string; name: string };

/** The VM with these names; Azure names compare case-insensitively, SQLite's = doesn't, so the match is made here. */
export async function findVirtualMachine(db: Db | Tx, names: VirtualMachineName) {
  const same = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();
  const candidates = await db.virtualMachine.findMany();
  return (
    candidates.find(
      (vm) =>
        same(vm.subscriptionId, names.subscriptionId) &&
        same(vm.resourceGroup, names.resourceGroup) &&
        same(vm.name, names.name),
    ) ?? null
  );
}

/** The message when a VM of the target's name exists in the target resource group (Azure names compare case-insensitively). */
export async function vmNameTaken(
  db: Db | Tx,
  names: { subscriptionId: string; resourceGroup: string; name: string },
): Promise<string | null> {
  const existing = await findVirtualMachine(db, names);
  return existing ? `A virtual machine named '${names.name}' already exists in ${names.resourceGroup}.` : null;
}

export async function addVirtualMachine(
  db: Db,
  input: AddVirtualMachineInput,
  actor: Actor,
): Promise<ServiceResult<{ id: string; name: string }>> {
  const scope = { actor, vaultId: null, operation: "Add virtual machine", permission: "manageInventory" } as const;
  return withActivity(db, scope, String(input?.name ?? ""), async () => {
    const parsed = addVirtualMachineSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { subscriptionId, resourceGroup, name } = parsed.data;
    const taken = await vmNameTaken(db, { subscriptionId, resourceGroup, name });
    if (taken) return fail("Conflict", taken, { name: [taken] });
    const [vm] = await db.$transaction([
      db.virtualMachine.create({ data: parsed.data, select: { id: true, name: true } }),
      recordActivity(
        db,
        scope,
        name,
        changed({}, { resourceGroup, location: parsed.data.location, sizeGb: parsed.data.sizeGb }),
      ),
    ]);
    return ok(vm);
  });
}

/** Deletes a VM outside backup, as happens in Azure: its protected item stays, and its backups fail with UserErrorVmNotFoundV2. */
export async function markVirtualMachineDeleted(
  db: Db,
  input: { id: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ name: string }>> {
  const scope = {
    actor,
    vaultId: null,
    operation: "Delete virtual machine",
    permission: "manageInventory",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.id ?? ""), async () => {
    const parsed = inventoryItemSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const vm = await db.virtualMachine.findUnique({
      where: { id: parsed.data.id },
      select: { name: true, deletedAt: true },
    });
    if (!vm) return fail("ResourceNotFound", "The virtual machine was not found.");
    if (vm.deletedAt) return fail("Conflict", `${vm.name} is deleted already.`);
    await db.$transaction([
      db.virtualMachine.update({ where: { id: parsed.data.id }, data: { deletedAt: now } }),
      recordActivity(db, scope, vm.name, { deletedAt: [null, now.toISOString()] }),
    ]);
    return ok({ name: vm.name });
  });
}

/** Removes a VM that no vault has a backup item of. */
export async function removeVirtualMachine(
  db: Db,
  input: { id: string },
  actor: Actor,
): Promise<ServiceResult<{ name: string }>> {
  const scope = { actor, vaultId: null, operation: "Remove virtual machine", permission: "manageInventory" } as const;
  return withActivity(db, scope, String(input?.id ?? ""), async () => {
    const parsed = inventoryItemSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return db.$transaction(async (tx) => {
      const vm = await tx.virtualMachine.findUnique({
        where: { id: parsed.data.id },
        include: { _count: { select: { protectedItems: true } } },
      });
      if (!vm) return fail("ResourceNotFound", "The virtual machine was not found.");
      if (vm._count.protectedItems > 0)
        return fail(
          "Conflict",
          `${vm.name} has a backup item. Delete its backup data first (or mark the VM deleted to play a VM deleted while protected).`,
        );
      await tx.virtualMachine.delete({ where: { id: vm.id } });
      await recordActivity(tx, scope, vm.name);
      return ok({ name: vm.name });
    });
  });
}

export async function addServer(
  db: Db,
  input: { name: string; osType: string },
  actor: Actor,
): Promise<ServiceResult<{ id: string; name: string }>> {
  const scope = { actor, vaultId: null, operation: "Add server", permission: "manageInventory" } as const;
  return withActivity(db, scope, String(input?.name ?? ""), async () => {
    const parsed = addServerSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    if (await db.backupAgentServer.findUnique({ where: { name: parsed.data.name }, select: { id: true } })) {
      const message = `A server named '${parsed.data.name}' exists already.`;
      return fail("Conflict", message, { name: [message] });
    }
    const [server] = await db.$transaction([
      db.backupAgentServer.create({ data: parsed.data, select: { id: true, name: true } }),
      recordActivity(db, scope, parsed.data.name),
    ]);
    return ok(server);
  });
}

export async function addFolder(
  db: Db,
  input: { serverId: string; path: string; sizeGb: number | string; dailyChangeRatePercent: number | string },
  actor: Actor,
): Promise<ServiceResult<{ id: string; path: string }>> {
  const scope = { actor, vaultId: null, operation: "Add folder", permission: "manageInventory" } as const;
  return withActivity(db, scope, String(input?.path ?? ""), async () => {
    const parsed = addFolderSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const server = await db.backupAgentServer.findUnique({
      where: { id: parsed.data.serverId },
      include: { folders: { select: { path: true } } },
    });
    if (!server) return fail("ResourceNotFound", "The server was not found.");
    if (server.folders.some((folder) => folder.path.toLowerCase() === parsed.data.path.toLowerCase())) {
      const message = `${server.name} has ${parsed.data.path} already.`;
      return fail("Conflict", message, { path: [message] });
    }
    const [folder] = await db.$transaction([
      db.fileFolderSource.create({ data: parsed.data, select: { id: true, path: true } }),
      recordActivity(db, scope, `${server.name} ${parsed.data.path}`, changed({}, { sizeGb: parsed.data.sizeGb })),
    ]);
    return ok(folder);
  });
}

/** Registers a Backup Agent server to a vault (a Register job), so its folders can be protected there. */
export async function registerServer(
  db: Db,
  input: { serverId: string; vaultId: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ vaultName: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Register server",
    permission: "registerServer",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.serverId ?? ""), async () => {
    const parsed = registerServerSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return db.$transaction(async (tx) => {
      const [server, vault] = await Promise.all([
        tx.backupAgentServer.findUnique({
          where: { id: parsed.data.serverId },
          include: { vault: { select: { name: true } } },
        }),
        tx.vault.findUnique({ where: { id: parsed.data.vaultId }, select: { id: true, name: true } }),
      ]);
      if (!server) return fail("ResourceNotFound", "The server was not found.");
      if (!vault) return fail("ResourceNotFound", "The vault was not found.", { vaultId: ["Choose a vault."] });
      if (server.vault) return fail("Conflict", `${server.name} is registered to ${server.vault.name} already.`);
      await tx.backupAgentServer.update({ where: { id: server.id }, data: { vaultId: vault.id, registeredAt: now } });
      await tx.job.create({
        data: {
          vaultId: vault.id,
          operation: "Register",
          status: "Completed",
          startTime: now,
          endTime: now,
          entityFriendlyName: server.name,
          backupManagementType: "MAB",
          subTasks: [],
          progressPercent: 100,
          initiatedBy: actor.email,
        },
      });
      await recordActivity(tx, scope, server.name, { vault: [null, vault.name] });
      return ok({ vaultName: vault.name });
    });
  });
}

/** Removes a server and its folders; refused while a folder has a backup item (soft-deleted ones too), as Azure refuses to unregister it. */
export async function removeServer(
  db: Db,
  input: { id: string },
  actor: Actor,
): Promise<ServiceResult<{ name: string }>> {
  const scope = { actor, vaultId: null, operation: "Remove server", permission: "manageInventory" } as const;
  return withActivity(db, scope, String(input?.id ?? ""), async () => {
    const parsed = inventoryItemSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return db.$transaction(async (tx) => {
      const server = await tx.backupAgentServer.findUnique({
        where: { id: parsed.data.id },
        select: { id: true, name: true },
      });
      if (!server) return fail("ResourceNotFound", "The server was not found.");
      const items = await tx.protectedItem.count({ where: { fileFolderSource: { serverId: server.id } } });
      if (items > 0)
        return fail(
          "Conflict",
          `${server.name} has ${counted(items, "backup item")}. Stop backup and delete their backup data (and wait for the purge of soft-deleted ones) first.`,
        );
      await tx.backupAgentServer.delete({ where: { id: server.id } });
      await recordActivity(tx, scope, server.name);
      return ok({ name: server.name });
    });
  });
}
