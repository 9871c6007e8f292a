// Enabling protection of one data source named as Azure names it (the REST API's protected item
// PUT). The emulator's convenience: a VM or Backup Agent folder the inventory doesn't know is
// added to it first, as it exists in the caller's Azure; all in one transaction with the item.
import { type NamedSource, namedSourceSchema } from "@/lib/schemas/inventory";
import type { Actor } from "@/lib/server/auth/authorize";
import { recordActivity, withActivity } from "@/lib/server/activity";
import { type Db, retryOnUniqueViolation, type Tx } from "@/lib/server/db";
import { fail, inTransaction, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { findVirtualMachine } from "./inventory";
import { availableSources, policyFor, protectSources } from "./protection";

/** Sizes the inventory gives a source it learns of through the API. */
const LEARNED_VM = { osType: "Windows", sizeGb: 128, dailyChangeRatePercent: 2 } as const;
const LEARNED_FOLDER = { sizeGb: 50, dailyChangeRatePercent: 1 } as const;

const sameName = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

/** The inventory id of a VM (added when unknown). */
async function virtualMachineOf(
  tx: Tx,
  vault: { location: string },
  source: Extract<NamedSource, { kind: "virtualMachine" }>,
): Promise<ServiceResult<{ id: string; learned: boolean }>> {
  const known = await findVirtualMachine(tx, source);
  if (known) return ok({ id: known.id, learned: false });
  const vm = await tx.virtualMachine.create({
    data: {
      subscriptionId: source.subscriptionId,
      resourceGroup: source.resourceGroup,
      name: source.name,
      location: vault.location,
      ...LEARNED_VM,
    },
    select: { id: true },
  });
  return ok({ id: vm.id, learned: true });
}

/** The inventory id of a folder (its server registered to the vault, both added when unknown), or why it can't be. */
async function folderOf(
  tx: Tx,
  vaultId: string,
  source: Extract<NamedSource, { kind: "folder" }>,
  actor: string,
  now: Date,
): Promise<ServiceResult<{ id: string; learned: boolean }>> {
  const server = { name: source.machine, osType: "Windows Server" };
  let row = await tx.backupAgentServer.findUnique({
    where: { name: server.name },
    include: { vault: { select: { name: true } }, folders: { select: { id: true, path: true } } },
  });
  if (row?.vault && row.vaultId !== vaultId)
    return fail(
      "BMSUserErrorContainerRegisteredToAnotherVault",
      `${row.name} is registered to vault ${row.vault.name}.`,
    );
  if (!row?.vaultId) {
    row = row
      ? await tx.backupAgentServer.update({
          where: { id: row.id },
          data: { vaultId, registeredAt: now },
          include: { vault: { select: { name: true } }, folders: { select: { id: true, path: true } } },
        })
      : await tx.backupAgentServer.create({
          data: { ...server, vaultId, registeredAt: now },
          include: { vault: { select: { name: true } }, folders: { select: { id: true, path: true } } },
        });
    await tx.job.create({
      data: {
        vaultId,
        operation: "Register",
        status: "Completed",
        startTime: now,
        endTime: now,
        entityFriendlyName: row.name,
        backupManagementType: "MAB",
        subTasks: [],
        progressPercent: 100,
        initiatedBy: actor,
      },
    });
  }
  const known = row.folders.find((folder) => sameName(folder.path, source.path));
  if (known) return ok({ id: known.id, learned: false });
  const folder = await tx.fileFolderSource.create({
    data: { serverId: row.id, path: source.path, ...LEARNED_FOLDER },
    select: { id: true },
  });
  return ok({ id: folder.id, learned: true });
}

/** Protects one named source with a policy of the vault: the item starts IRPending with a ConfigureBackup job. */
export async function enableProtection(
  db: Db,
  input: { vaultId: string; source: NamedSource; policyId: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ itemId: string; jobId: string }>> {
  const { vaultId, policyId } = input;
  const resource =
    input.source.kind === "virtualMachine" ? String(input.source.name) : `${input.source.machine} ${input.source.path}`;
  const scope = { actor, vaultId, operation: "Configure backup", permission: "configureBackup", at: now } as const;
  return withActivity(db, scope, resource, () => {
    // Names are checked before anything else: what the inventory learns must be a name Azure allows.
    const parsed = namedSourceSchema.safeParse(input.source);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const source = parsed.data;
    // Two requests protecting one source at once (or adding one unknown VM, server or folder): the
    // unique keys let one write; the other, run again, finds the source taken.
    return retryOnUniqueViolation(() =>
      inTransaction(db, async (tx) => {
        const vault = await tx.vault.findUnique({ where: { id: vaultId }, select: { location: true } });
        if (!vault) return fail("ResourceNotFound", "The vault was not found.");
        const workload = source.kind === "virtualMachine" ? "AzureIaasVM" : "MAB";
        const policy = await policyFor(tx, vaultId, policyId, workload);
        if ("ok" in policy) return policy;
        const sourceId =
          source.kind === "virtualMachine"
            ? await virtualMachineOf(tx, vault, source)
            : await folderOf(tx, vaultId, source, actor.email, now);
        if (!sourceId.ok) return sourceId;
        const sources = await availableSources(tx, vaultId, workload, [sourceId.data.id]);
        if (!sources.ok) return sources;
        const [created] = await protectSources(tx, vaultId, workload, sources.data, policy.id, actor.email, now);
        await recordActivity(tx, scope, sources.data[0].friendlyName, {
          policy: [null, policy.name],
          ...(sourceId.data.learned ? { inventory: [null, "added"] } : {}),
        });
        return ok(created);
      }),
    );
  });
}
