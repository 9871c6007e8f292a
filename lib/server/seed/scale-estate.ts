// An Azure-sized estate for benchmarks: one vault with 2,000 protected items (1,600 Azure VMs and
// 400 Backup Agent folders) and a year of history at 3 backups a day, about 2.2 million jobs, with
// retention applied. Written in bulk rather than by the engine (which would take hours); the
// points and their expiries come from the same domain functions the engine uses, so the data is
// what a year of the engine would have left.
import { randomUUID } from "node:crypto";
import { fileFolderBackupNames, virtualMachineBackupNames } from "@/lib/domain/azure/resources";
import { JOB_ERRORS, type JobError } from "@/lib/domain/jobs/errors";
import type { ImportedPolicy } from "@/lib/domain/policy/azure-json";
import {
  type PlannedRecoveryPoint,
  plannedRecoveryPoints,
  recoveryPointsAt,
} from "@/lib/domain/retention/recovery-points";
import type { Db } from "@/lib/server/db";
import { systemActor } from "@/lib/server/auth/authorize";
import { createPolicyRow } from "@/lib/server/services/policies";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { createVault } from "@/lib/server/services/vaults";
import { bulkInserter, type ColumnKind, type Row } from "./bulk-insert";

export const SCALE_VAULT = {
  subscriptionId: "7c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  resourceGroup: "rg-scale",
  name: "vault-scale",
  location: "westeurope",
} as const;
const VM_COUNT = 1600;
const SERVER_COUNT = 40;
const FOLDERS_PER_SERVER = 10;
const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;
const BATCH = 20_000;
// Recovery point ids start with their time, as Prisma's cuids start with theirs: the sweep's deletes stay local.

const at = (time: string) => `2025-01-01T${time}:00Z`;

/** Enhanced VM policy: every 8 hours around the clock; daily points 30 days, Sundays 12 weeks, first Sundays 12 months. */
function vmPolicy(): ImportedPolicy {
  const times = [at("00:00")];
  return {
    timeZone: "Europe/Berlin",
    windowsTimeZone: "W. Europe Standard Time",
    properties: {
      backupManagementType: "AzureIaasVM",
      policyType: "V2",
      timeZone: "W. Europe Standard Time",
      instantRpRetentionRangeInDays: 7,
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicyV2",
        scheduleRunFrequency: "Hourly",
        hourlySchedule: { interval: 8, scheduleWindowStartTime: at("00:00"), scheduleWindowDuration: 24 },
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        dailySchedule: { retentionTimes: times, retentionDuration: { count: 30, durationType: "Days" } },
        weeklySchedule: {
          daysOfTheWeek: ["Sunday"],
          retentionTimes: times,
          retentionDuration: { count: 12, durationType: "Weeks" },
        },
        monthlySchedule: {
          retentionScheduleFormatType: "Weekly",
          retentionScheduleWeekly: { daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["First"] },
          retentionTimes: times,
          retentionDuration: { count: 12, durationType: "Months" },
        },
      },
    },
  };
}

/** Backup Agent policy: 00:00, 08:00 and 16:00 (the agent's most, 3 a day); 30 days, Saturdays 12 weeks. */
function folderPolicy(): ImportedPolicy {
  const times = [at("00:00"), at("08:00"), at("16:00")];
  return {
    timeZone: "Europe/Berlin",
    windowsTimeZone: "W. Europe Standard Time",
    properties: {
      backupManagementType: "MAB",
      timeZone: "W. Europe Standard Time",
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Daily",
        scheduleRunTimes: times,
        scheduleWeeklyFrequency: 0,
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        dailySchedule: { retentionTimes: times, retentionDuration: { count: 30, durationType: "Days" } },
        weeklySchedule: {
          daysOfTheWeek: ["Saturday"],
          retentionTimes: times,
          retentionDuration: { count: 12, durationType: "Weeks" },
        },
      },
    },
  };
}

/** A fixed pseudo-random number in [0, 1) per item and backup (the same estate every time). */
function roll(item: number, slot: number): number {
  let hash = (item * 2_654_435_761) ^ (slot * 40_503);
  hash = Math.imul(hash ^ (hash >>> 16), 2_246_822_507);
  hash = Math.imul(hash ^ (hash >>> 13), 3_266_489_909);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

const JOB_COLUMNS: Record<string, ColumnKind> = {
  id: "text",
  vaultId: "text",
  protectedItemId: "text",
  operation: { enum: "JobOperation" },
  status: { enum: "JobStatus" },
  startTime: "timestamp",
  endTime: "timestamp",
  entityFriendlyName: "text",
  backupManagementType: { enum: "BackupManagementType" },
  subTasks: "json",
  progressPercent: "int",
  bytesTransferred: "bigint",
  errorCode: "text",
  errorMessage: "text",
  recommendations: "json",
  isCancellable: "bool",
  initiatedBy: "text",
  scheduledFor: "timestamp",
  claimedAt: "timestamp",
  claimedBy: "text",
};
const RECOVERY_POINT_COLUMNS: Record<string, ColumnKind> = {
  id: "text",
  protectedItemId: "text",
  jobId: "text",
  time: "timestamp",
  type: { enum: "RecoveryPointType" },
  inSnapshotTier: "bool",
  inVaultTier: "bool",
  retentionRules: "json",
  ruleName: "text",
  expiresAt: "timestamp",
  snapshotExpiresAt: "timestamp",
  isOnDemand: "bool",
  sizeBytes: "bigint",
};

type Source = {
  id: string;
  friendlyName: string;
  names: { containerName: string; itemName: string };
  sizeGb: number;
  changePercent: number;
  workload: "AzureIaasVM" | "MAB";
};

export type ScaleEstate = { vaultId: string; items: number; jobs: number; recoveryPoints: number };

/** Seeds the scale estate into the database at `url` (`db` is its client), history up to `now`; `onProgress` hears how far it got. */
export async function seedScaleEstate(
  db: Db,
  url: string,
  now: Date,
  onProgress: (message: string) => void = () => {},
): Promise<ScaleEstate> {
  const actor = systemActor("scale-seed@vault-portal.local");
  const vault = await createVault(db, SCALE_VAULT, actor);
  if (!vault.ok) throw new Error(`${vault.code}: ${vault.message}`);
  const vaultId = vault.data.id;
  const since = new Date(now.getTime() - 365 * DAY_MS);
  const policies = {
    AzureIaasVM: await createPolicyRow(db, vaultId, "Every8Hours", vmPolicy()),
    MAB: await createPolicyRow(db, vaultId, "AgentThreeTimesDaily", folderPolicy()),
  };

  const sources: Source[] = [];
  const vms = Array.from({ length: VM_COUNT }, (_, index) => ({
    subscriptionId: SCALE_VAULT.subscriptionId,
    resourceGroup: `rg-app-${String(index % 16).padStart(2, "0")}`,
    name: `vm-${String(index).padStart(4, "0")}`,
    location: "westeurope",
    osType: index % 3 === 0 ? "Linux" : "Windows",
    sizeGb: 64 + (index % 8) * 64,
    dailyChangeRatePercent: 1 + (index % 5),
  }));
  await db.virtualMachine.createMany({ data: vms });
  for (const vm of await db.virtualMachine.findMany({
    where: { subscriptionId: SCALE_VAULT.subscriptionId },
    orderBy: { name: "asc" },
  })) {
    sources.push({
      id: vm.id,
      friendlyName: vm.name,
      names: virtualMachineBackupNames(vm.resourceGroup, vm.name),
      sizeGb: vm.sizeGb,
      changePercent: vm.dailyChangeRatePercent,
      workload: "AzureIaasVM",
    });
  }
  for (let index = 0; index < SERVER_COUNT; index++) {
    const server = await db.backupAgentServer.create({
      data: {
        name: `fs${String(index).padStart(2, "0")}.scale.contoso.com`,
        osType: "Windows Server 2022",
        vaultId,
        registeredAt: since,
      },
    });
    await db.fileFolderSource.createMany({
      data: Array.from({ length: FOLDERS_PER_SERVER }, (_, folder) => ({
        serverId: server.id,
        path: `D:\\Shares\\Team${String(folder).padStart(2, "0")}`,
        sizeGb: 20 + folder * 15,
        dailyChangeRatePercent: 2,
      })),
    });
    for (const folder of await db.fileFolderSource.findMany({
      where: { serverId: server.id },
      orderBy: { path: "asc" },
    })) {
      sources.push({
        id: folder.id,
        friendlyName: folder.path,
        names: fileFolderBackupNames(server.name, folder.path),
        sizeGb: folder.sizeGb,
        changePercent: folder.dailyChangeRatePercent,
        workload: "MAB",
      });
    }
  }

  // Every item of a workload has the same slots and, barring failures, the same surviving points.
  const plans = Object.fromEntries(
    (["AzureIaasVM", "MAB"] as const).map((workload) => {
      const planned = plannedRecoveryPoints(rulesOfStoredPolicy(policies[workload]), since, now);
      return [workload, { planned, alive: new Set(recoveryPointsAt(planned, now)) }];
    }),
  ) as Record<"AzureIaasVM" | "MAB", { planned: PlannedRecoveryPoint[]; alive: Set<PlannedRecoveryPoint> }>;

  const bulk = await bulkInserter(url);
  let jobs: Row[] = [];
  let points: Row[] = [];
  const totals = { jobs: 0, recoveryPoints: 0 };
  // Jobs before their points (a point references its job).
  const flush = async (force = false) => {
    if (jobs.length < BATCH && !(force && jobs.length > 0)) return;
    await bulk.insert("Job", JOB_COLUMNS, jobs);
    totals.jobs += jobs.length;
    jobs = [];
    if (points.length > 0) await bulk.insert("RecoveryPoint", RECOVERY_POINT_COLUMNS, points);
    totals.recoveryPoints += points.length;
    points = [];
  };

  for (const [index, source] of sources.entries()) {
    const isVm = source.workload === "AzureIaasVM";
    const policy = policies[source.workload];
    const item = await db.protectedItem.create({
      data: {
        vaultId,
        backupManagementType: source.workload,
        ...(isVm ? { virtualMachineId: source.id } : { fileFolderSourceId: source.id }),
        friendlyName: source.friendlyName,
        ...source.names,
        policyId: policy.id,
        protectionState: "Protected",
        createdAt: since,
      },
      select: { id: true },
    });
    const base = {
      vaultId,
      protectedItemId: item.id,
      entityFriendlyName: source.friendlyName,
      backupManagementType: source.workload,
      progressPercent: 100,
      bytesTransferred: 0,
      isCancellable: false,
    };
    jobs.push({
      ...base,
      id: randomUUID(),
      operation: "ConfigureBackup",
      status: "Completed",
      startTime: since,
      endTime: since,
      subTasks: [],
      initiatedBy: actor.email,
    });
    const fullBytes = source.sizeGb * GIB * (isVm ? 0.55 : 1);
    const { planned, alive } = plans[source.workload];
    let last: { time: Date; status: "Completed" | "Failed" } | null = null;
    let storedBytes = 0;
    for (const [slot, point] of planned.entries()) {
      const chance = roll(index, slot);
      const failure: JobError | null =
        chance < 0.02 ? (isVm ? JOB_ERRORS.vmAgentUnavailable : JOB_ERRORS.marsScratch) : null;
      const bytes = slot === 0 ? fullBytes : (fullBytes * (source.changePercent / 100)) / 3;
      const minutes = 2 + Math.round(chance * 40);
      const jobId = randomUUID();
      const endTime = new Date(point.time.getTime() + minutes * 60_000);
      jobs.push({
        ...base,
        id: jobId,
        operation: "Backup",
        status: failure ? "Failed" : "Completed",
        startTime: point.time,
        endTime,
        scheduledFor: point.time,
        initiatedBy: "Scheduled",
        claimedAt: point.time,
        claimedBy: "scale-seed",
        subTasks: [
          {
            name: "Transfer data to vault",
            status: failure ? "Failed" : "Completed",
            progressPercent: failure ? 0 : 100,
            startTime: point.time.toISOString(),
            endTime: endTime.toISOString(),
          },
        ],
        bytesTransferred: failure ? 0 : Math.round(bytes),
        ...(failure
          ? {
              progressPercent: 0,
              errorCode: failure.code,
              errorMessage: failure.message,
              recommendations: failure.recommendations,
            }
          : {}),
      });
      last = { time: point.time, status: failure ? "Failed" : "Completed" };
      if (failure || !alive.has(point)) continue;
      const snapshotLive = point.snapshotExpiresAt !== null && point.snapshotExpiresAt > now;
      storedBytes += Math.round(bytes);
      points.push({
        id: `${point.time.getTime().toString(36)}${randomUUID().slice(0, 8)}`,
        protectedItemId: item.id,
        jobId,
        time: point.time,
        type: slot === 0 ? "Full" : "Incremental",
        inSnapshotTier: point.tiers.includes("snapshot") && snapshotLive,
        inVaultTier: point.tiers.includes("vault"),
        retentionRules: point.rules,
        ruleName: point.governingRule,
        expiresAt: point.expiresAt,
        snapshotExpiresAt: point.snapshotExpiresAt,
        isOnDemand: false,
        sizeBytes: Math.round(bytes),
      });
    }
    if (last)
      await db.protectedItem.update({
        where: { id: item.id },
        data: {
          lastScheduledFor: last.time,
          lastBackupStatus: last.status,
          lastBackupTime: last.time,
          storedBytes: BigInt(storedBytes),
        },
      });
    await flush();
    if ((index + 1) % 200 === 0)
      onProgress(`${index + 1} of ${sources.length} items, ${totals.jobs.toLocaleString("en-US")} jobs`);
  }
  await flush(true);
  await bulk.close();
  return { vaultId, items: sources.length, ...totals };
}
