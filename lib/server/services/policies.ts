import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "@/generated/sqlite/client";
import { type ImportedPolicy, importAzurePolicy, windowsZoneIdOf } from "@/lib/domain/policy/azure-json";
import { confirmsName } from "@/lib/domain/confirm-name";
import { counted } from "@/lib/domain/format/count";
import { describeRetention, describeSchedule, policyTypeLabel } from "@/lib/domain/policy/describe";
import { policyRulesOf, rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { type PolicyIssue, recoveryPointCapacityIssue } from "@/lib/domain/policy/validate";
import { actionRefusal } from "@/lib/domain/protection/actions";
import { inLabelOrder, type Sort } from "@/lib/domain/sorting";
import { type PolicyChangeImpact, describeImpact } from "@/lib/domain/retention/policy-change";
import type { AzurePolicyProperties } from "@/lib/schemas/policy";
import {
  createPolicyInputSchema,
  type CreatePolicyInput,
  deletePolicyInputSchema,
  switchItemPolicyInputSchema,
  updatePolicyInputSchema,
} from "@/lib/schemas/policy-input";
import { type Actor, authorize } from "@/lib/server/auth/authorize";
import { changed, recordActivity, requestedId, withActivity } from "@/lib/server/activity";
import { type Db, retryOnUniqueViolation, type Tx } from "@/lib/server/db";
import { availableSources, policyFor, protectSources, recordJob } from "./protection";
import { policyChangeFor, retagScheduledPoints } from "./policy-change";
import { fail, inTransaction, invalid, ok, type ServiceResult } from "@/lib/server/result";
import { type ColumnOrder, findSorted } from "@/lib/server/sorted-rows";

/** The columns of a policy row, from a policy in Azure's shape. */
export function policyRowData(vaultId: string, name: string, policy: ImportedPolicy) {
  return {
    vaultId,
    name,
    nameKey: name.toLowerCase(),
    backupManagementType: policy.properties.backupManagementType,
    policyType:
      policy.properties.backupManagementType === "AzureIaasVM" ? (policy.properties.policyType ?? "V1") : null,
    timeZone: policy.timeZone,
    windowsTimeZone: policy.windowsTimeZone,
    properties: policy.properties as Prisma.InputJsonObject,
  };
}

/** A stored policy in words: its schedule and one phrase per retention rule. */
export function describeStoredPolicy(policy: {
  properties: unknown;
  timeZone: string;
  windowsTimeZone: string | null;
}) {
  const rules = rulesOfStoredPolicy(policy);
  return {
    schedule: describeSchedule(rules.schedule, windowsZoneIdOf(policy)),
    retention: describeRetention(rules.rules),
  };
}

export async function createPolicyRow(db: Db | Tx, vaultId: string, name: string, policy: ImportedPolicy) {
  return db.backupPolicy.create({ data: policyRowData(vaultId, name, policy) });
}

/** The policies list's sortable columns; by name unless the address says otherwise. */
export const POLICY_SORT_COLUMNS = ["name", "type", "items"] as const;
export type PolicySortColumn = (typeof POLICY_SORT_COLUMNS)[number];
export const DEFAULT_POLICY_SORT: Sort<PolicySortColumn> = { column: "name", direction: "ascending" };

const POLICY_ORDERS: Record<
  PolicySortColumn,
  ColumnOrder<Prisma.BackupPolicyWhereInput, Prisma.BackupPolicyOrderByWithRelationInput>
> = {
  name: { orderBy: (order) => ({ nameKey: order }) },
  type: {
    groups: inLabelOrder(
      (["AzureIaasVM", "MAB"] as const).flatMap((backupManagementType) =>
        ([null, "V1", "V2"] as const).map((policyType) => ({ backupManagementType, policyType })),
      ),
      (type) => policyTypeLabel(type.backupManagementType, type.policyType),
      (type) => type,
    ),
  },
  items: { orderBy: (order) => ({ protectedItems: { _count: order } }) },
};

/** The vault's policies with how many items each protects, by name unless sorted otherwise. */
export async function listPolicies(db: Db, vaultId: string, sort = DEFAULT_POLICY_SORT) {
  const policies = await findSorted(
    (args) =>
      db.backupPolicy.findMany({
        ...args,
        select: {
          id: true,
          name: true,
          backupManagementType: true,
          policyType: true,
          timeZone: true,
          windowsTimeZone: true,
          properties: true,
          _count: { select: { protectedItems: true } },
        },
      }),
    {
      where: { vaultId },
      column: POLICY_ORDERS[sort.column],
      direction: sort.direction,
      tiebreak: [{ nameKey: "asc" }, { id: "asc" }],
    },
  );
  return policies.map(({ _count, ...policy }) => ({ ...policy, itemCount: _count.protectedItems }));
}

export async function getPolicy(db: Db, vaultId: string, policyId: string) {
  const policy = await db.backupPolicy.findFirst({
    where: { id: policyId, vaultId },
    include: { _count: { select: { protectedItems: true } } },
  });
  if (!policy) return null;
  const { _count, ...row } = policy;
  return { ...row, itemCount: _count.protectedItems };
}

/** Field errors keyed by the Azure path of the offending field, under `policy.`. */
function policyInvalid(issues: PolicyIssue[]): ServiceResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[`policy.${issue.path}`.replace(/\.$/, "")] ??= []).push(issue.message);
  return fail(
    "BMSUserErrorInvalidPolicyInput",
    issues.map((issue) => `${issue.path || "policy"}: ${issue.message}`).join(" "),
    fieldErrors,
  );
}

/** Imports Azure JSON as the services accept it: valid, and within Azure's recovery point limit per item. */
function importForSave(document: unknown): { ok: true; policy: ImportedPolicy } | ServiceResult<never> {
  const imported = importAzurePolicy(document);
  if (!imported.ok) return policyInvalid(imported.issues);
  const capacity = recoveryPointCapacityIssue(imported.policy.properties);
  return capacity ? policyInvalid([capacity]) : imported;
}

/** Backup Agent folders of servers registered to the vault that no vault protects; the ones the policy wizard offers. */
export async function listUnprotectedFolders(db: Db, vaultId: string) {
  return db.fileFolderSource.findMany({
    where: { server: { vaultId }, protectedItems: { none: {} } },
    orderBy: [{ server: { name: "asc" } }, { path: "asc" }],
    select: { id: true, path: true, sizeGb: true, server: { select: { name: true } } },
  });
}

/** Creates a policy (and, for the Backup Agent wizard, protects the chosen folders with it) in one transaction. */
export async function createPolicy(
  db: Db,
  input: CreatePolicyInput,
  actor: Actor,
): Promise<ServiceResult<{ id: string; name: string; protectedItems: number }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Create policy",
    permission: "managePolicies",
  } as const;
  return withActivity(db, scope, String(input?.name ?? ""), async () => {
    const parsed = createPolicyInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, name, protectFolderIds } = parsed.data;
    const denied = protectFolderIds.length > 0 ? await authorize(db, actor, vaultId, "configureBackup") : null;
    if (denied) return denied;
    const imported = importForSave(parsed.data.policy);
    if (!("policy" in imported)) return imported;
    const workload = imported.policy.properties.backupManagementType;
    if (protectFolderIds.length > 0 && workload !== "MAB")
      return fail("BadRequest", "Only Backup Agent policies protect folders.", {
        protectFolderIds: ["Only Backup Agent policies protect folders."],
      });
    // Two requests creating one name (or protecting one folder) at once: the unique keys let one
    // write; the other, run again, sees it and answers Conflict (or says the folder is taken).
    return retryOnUniqueViolation(() =>
      db.$transaction(async (tx) => {
        if (!(await tx.vault.findUnique({ where: { id: vaultId }, select: { id: true } })))
          return fail("ResourceNotFound", "The vault was not found.");
        if (
          await tx.backupPolicy.findFirst({ where: { vaultId, nameKey: name.toLowerCase() }, select: { id: true } })
        ) {
          const message = `A policy named '${name}' already exists in this vault.`;
          return fail("Conflict", message, { name: [message] });
        }
        const folders = await availableSources(tx, vaultId, "MAB", protectFolderIds);
        if (!folders.ok)
          return fail(folders.code, folders.message, { protectFolderIds: folders.fieldErrors!.sourceIds });
        const policy = await createPolicyRow(tx, vaultId, name, imported.policy);
        await protectSources(tx, vaultId, "MAB", folders.data, policy.id, actor.email, new Date());
        await recordActivity(tx, scope, policy.name, {
          ...describedChanges(null, policy),
          ...(folders.data.length > 0 ? { protects: [null, folders.data.map((folder) => folder.friendlyName)] } : {}),
        });
        return ok({ id: policy.id, name: policy.name, protectedItems: folders.data.length });
      }),
    );
  });
}

type StoredPolicyContent = {
  backupManagementType: string;
  policyType: string | null;
  timeZone: string;
  windowsTimeZone: string | null;
  properties: unknown;
};

/** Whether saving `document` would store exactly this policy (a repeated create of the same body). */
export function storesSamePolicy(stored: StoredPolicyContent, document: unknown): boolean {
  const imported = importForSave(document);
  if (!("policy" in imported)) return false;
  // As stored: JSON drops undefined fields; PostgreSQL's jsonb reorders keys, which the comparison ignores.
  const content = ({ backupManagementType, policyType, timeZone, windowsTimeZone, properties }: StoredPolicyContent) =>
    JSON.parse(JSON.stringify({ backupManagementType, policyType, timeZone, windowsTimeZone, properties }));
  return isDeepStrictEqual(content(stored), content(policyRowData("", "", imported.policy)));
}

export type { PolicyChangeImpact };

type DescribablePolicy = { properties: unknown; timeZone: string; windowsTimeZone: string | null };

/** A policy's schedule and retention in words, before and after a change (null: it didn't exist, or doesn't any more). */
function describedChanges(before: DescribablePolicy | null, after: DescribablePolicy | null) {
  const words = (policy: DescribablePolicy | null) =>
    policy ? describeStoredPolicy(policy) : { schedule: null, retention: null };
  const [from, to] = [words(before), words(after)];
  return (
    changed(
      { schedule: from.schedule, retention: from.retention },
      { schedule: to.schedule, retention: to.retention },
    ) ?? {}
  );
}

function checkCompatible(
  current: { backupManagementType: string; policyType: string | null },
  next: AzurePolicyProperties,
): string | null {
  if (current.backupManagementType !== next.backupManagementType) return "A policy's workload type can't change.";
  if (current.policyType === "V2" && next.policyType !== "V2") return "An enhanced policy can't become a standard one.";
  return null;
}

/** What saving a policy change would do to existing recovery points, without saving it. */
export async function previewPolicyChange(
  db: Db,
  input: { vaultId: string; policyId: string; policy: unknown },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<PolicyChangeImpact>> {
  const denied = await authorize(db, actor, String(input?.vaultId ?? ""), "viewVault");
  if (denied) return denied;
  const parsed = updatePolicyInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const policy = await db.backupPolicy.findFirst({
    where: { id: parsed.data.policyId, vaultId: parsed.data.vaultId },
    include: { protectedItems: { select: { id: true } } },
  });
  if (!policy) return fail("BMSUserErrorPolicyNotFound", "The policy was not found.");
  const imported = importForSave(parsed.data.policy);
  if (!("policy" in imported)) return imported;
  const incompatible = checkCompatible(policy, imported.policy.properties);
  if (incompatible) return fail("BMSUserErrorPolicyMismatch", incompatible, { policy: [incompatible] });
  const rules = policyRulesOf(imported.policy.properties, imported.policy.timeZone);
  return ok(
    (
      await policyChangeFor(
        db,
        policy.protectedItems.map((item) => item.id),
        rules,
        now,
      )
    ).impact,
  );
}

/**
 * Saves a policy change and applies it retroactively to the recovery points of its items, in one
 * transaction. Its items plan from now on: no job for a slot of the new times before the change.
 */
export async function updatePolicy(
  db: Db,
  input: { vaultId: string; policyId: string; policy: unknown; confirmRemoval?: boolean },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<PolicyChangeImpact>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Modify policy",
    permission: "managePolicies",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.policyId ?? ""), async () => {
    const parsed = updatePolicyInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const imported = importForSave(parsed.data.policy);
    if (!("policy" in imported)) return imported;
    return inTransaction(db, async (tx) => {
      const policy = await tx.backupPolicy.findFirst({
        where: { id: parsed.data.policyId, vaultId: parsed.data.vaultId },
        include: { protectedItems: { select: { id: true } } },
      });
      if (!policy) return fail("BMSUserErrorPolicyNotFound", "The policy was not found.");
      const incompatible = checkCompatible(policy, imported.policy.properties);
      if (incompatible) return fail("BMSUserErrorPolicyMismatch", incompatible, { policy: [incompatible] });
      const { name, vaultId } = policy;
      const retagged = await retagScheduledPoints(
        tx,
        policy.protectedItems.map((item) => item.id),
        policyRulesOf(imported.policy.properties, imported.policy.timeZone),
        now,
        parsed.data.confirmRemoval,
      );
      if (!retagged.ok) return retagged;
      await tx.backupPolicy.update({ where: { id: policy.id }, data: policyRowData(vaultId, name, imported.policy) });
      await tx.protectedItem.updateMany({
        where: { policyId: policy.id },
        data: { lastScheduledFor: now, nextScheduledFor: null },
      });
      await recordActivity(tx, scope, name, {
        ...describedChanges(policy, { ...imported.policy }),
        recoveryPoints: [null, describeImpact(retagged.data)],
      });
      return retagged;
    });
  });
}

/** Deletes a policy no item uses. */
export async function deletePolicy(
  db: Db,
  input: { vaultId: string; policyId: string; confirmName?: string },
  actor: Actor,
): Promise<ServiceResult<{ name: string }>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Delete policy",
    permission: "managePolicies",
  } as const;
  return withActivity(db, scope, String(input?.policyId ?? ""), async () => {
    const parsed = deletePolicyInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return db.$transaction(async (tx) => {
      const policy = await tx.backupPolicy.findFirst({
        where: { id: parsed.data.policyId, vaultId: parsed.data.vaultId },
        include: { _count: { select: { protectedItems: true } } },
      });
      if (!policy) return fail("BMSUserErrorPolicyNotFound", "The policy was not found.");
      if (parsed.data.confirmName !== undefined && !confirmsName(parsed.data.confirmName, policy.name)) {
        return fail("BadRequest", "The name doesn't match.", { confirmName: [`Type '${policy.name}' to confirm.`] });
      }
      if (policy._count.protectedItems > 0) {
        return fail(
          "PolicyInUse",
          `Policy '${policy.name}' can't be deleted while it is the policy of ${counted(policy._count.protectedItems, "backup item")}. Switch them to another policy, or stop their protection, first.`,
        );
      }
      await tx.backupPolicy.delete({ where: { id: policy.id } });
      await recordActivity(tx, scope, policy.name, describedChanges(policy, null));
      return ok({ name: policy.name });
    });
  });
}

/**
 * What moving an item to a policy (Change policy, or Resume backup with that policy) would do to
 * its recovery points, without doing it.
 */
export async function previewItemPolicyChange(
  db: Db,
  input: { vaultId: string; itemId: string; policyId: string },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<PolicyChangeImpact>> {
  const denied = await authorize(db, actor, String(input?.vaultId ?? ""), "viewVault");
  if (denied) return denied;
  const parsed = switchItemPolicyInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { vaultId, itemId, policyId } = parsed.data;
  const item = await db.protectedItem.findFirst({
    where: { id: itemId, vaultId },
    select: { id: true, backupManagementType: true },
  });
  if (!item) return fail("ResourceNotFound", "The backup item was not found.");
  const policy = await policyFor(db, vaultId, policyId, item.backupManagementType);
  if ("ok" in policy) return policy;
  return ok((await policyChangeFor(db, [item.id], rulesOfStoredPolicy(policy), now)).impact);
}

/**
 * Moves an item to another policy of its vault and workload; the new rules apply at once, to
 * existing points too (matched by date when made under the old schedule). Planning starts from
 * now: neither the new policy's slots before the change nor the old one's after it get a job.
 */
export async function switchItemPolicy(
  db: Db,
  input: { vaultId: string; itemId: string; policyId: string; confirmRemoval?: boolean },
  actor: Actor,
  now = new Date(),
): Promise<ServiceResult<{ policyName: string; jobId: string } & PolicyChangeImpact>> {
  const scope = {
    actor,
    vaultId: requestedId(input?.vaultId),
    operation: "Change policy",
    permission: "changePolicy",
    at: now,
  } as const;
  return withActivity(db, scope, String(input?.itemId ?? ""), async () => {
    const parsed = switchItemPolicyInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { vaultId, itemId, policyId, confirmRemoval } = parsed.data;
    return inTransaction(db, async (tx) => {
      const item = await tx.protectedItem.findFirst({ where: { id: itemId, vaultId } });
      if (!item) return fail("ResourceNotFound", "The backup item was not found.");
      const refusal = actionRefusal(
        { protectionState: item.protectionState, softDeleted: item.deletedAt !== null },
        "changePolicy",
      );
      if (refusal) return fail("UserErrorInvalidProtectionState", refusal);
      const policy = await policyFor(tx, vaultId, policyId, item.backupManagementType);
      if ("ok" in policy) return policy;
      const retagged = await retagScheduledPoints(tx, [item.id], rulesOfStoredPolicy(policy), now, confirmRemoval);
      if (!retagged.ok) return retagged;
      // The new schedule's next slot is for the engine to find.
      await tx.protectedItem.update({
        where: { id: item.id },
        data: { policyId: policy.id, lastScheduledFor: now, nextScheduledFor: null },
      });
      const job = await recordJob(tx, item, "ConfigureBackup", actor.email, now);
      const previous = item.policyId
        ? await tx.backupPolicy.findUnique({ where: { id: item.policyId }, select: { name: true } })
        : null;
      await recordActivity(tx, scope, item.friendlyName, {
        policy: [previous?.name ?? null, policy.name],
        recoveryPoints: [null, describeImpact(retagged.data)],
      });
      return ok({ policyName: policy.name, jobId: job.id, ...retagged.data });
    });
  });
}
