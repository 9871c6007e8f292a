import type { Db } from "@/lib/server/db";

/** The vault's policies with how many items each protects. */
export async function listPolicies(db: Db, vaultId: string) {
  const policies = await db.backupPolicy.findMany({
    where: { vaultId },
    orderBy: { nameKey: "asc" },
    select: { id: true, name: true, backupManagementType: true, policyType: true, timeZone: true, schedulePolicy: true, _count: { select: { protectedItems: true } } },
  });
  return policies.map(({ _count, ...policy }) => ({ ...policy, itemCount: _count.protectedItems }));
}
