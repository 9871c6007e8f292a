// The demo estate seeded on first start: 3 vaults in 2 resource groups and 2 regions, 12 VMs,
// 3 Backup Agent servers, their policies and 30 days of history.
import { scheduledSlots } from "@/lib/domain/schedule/slots";
import { DEFAULT_POLICY_NAME } from "@/lib/domain/policy/defaults";
import { OWNER_ROLE } from "@/lib/server/auth/auth";
import { systemActor } from "@/lib/server/auth/authorize";
import { DEMO_USERS } from "@/lib/server/auth/users";
import type { Db } from "@/lib/server/db";
import { createPolicyRow } from "@/lib/server/services/policies";
import { rulesOfStoredPolicy } from "@/lib/domain/policy/rules";
import { VirtualClock } from "@/lib/server/engine/clock";
import { createEngine } from "@/lib/server/engine/engine";
import type { ServiceResult } from "@/lib/server/result";
import { backupNow, configureBackup, stopBackup } from "@/lib/server/services/protection";
import { createVault } from "@/lib/server/services/vaults";
import { demoMover } from "./demo-mover";
import { filesPolicy, sqlServersPolicy } from "./demo-policies";

export const DEMO_SUBSCRIPTION_ID = "6b1f2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d";
/** The vault on the demo users' dashboards (pinDemoVault). */
const DEMO_PINNED_VAULT = "vault-prod-weu";
/**
 * Who the demo history's actions (and its jobs' "Initiated by") name: the demo Contributor, a user
 * who signs in to see them (seedDemoUsers creates them after the estate and links the entries to
 * them). The Owner doesn't exist yet when the estate is seeded; the portal acts with an Owner's rights.
 */
export const DEMO_AUTHOR = DEMO_USERS.find((user) => user.role === "Contributor")!.email;
const admin = systemActor(DEMO_AUTHOR);
/**
 * Who created the demo's vaults: creating a vault takes the portal's Owner, who doesn't exist yet
 * when the estate is seeded, so the activity log names the portal's demo set-up.
 */
export const DEMO_SETUP = "demo-setup@vault-portal.local";

const DAY = 86_400_000;

type VmSpec = {
  name: string;
  resourceGroup: string;
  location: string;
  osType: string;
  sizeGb: number;
  changeRate: number;
};

const VMS: VmSpec[] = [
  {
    name: "web-01",
    resourceGroup: "rg-web-prod",
    location: "westeurope",
    osType: "Linux",
    sizeGb: 64,
    changeRate: 0.02,
  },
  {
    name: "web-02",
    resourceGroup: "rg-web-prod",
    location: "westeurope",
    osType: "Linux",
    sizeGb: 64,
    changeRate: 0.02,
  },
  {
    name: "web-03",
    resourceGroup: "rg-web-prod",
    location: "westeurope",
    osType: "Linux",
    sizeGb: 64,
    changeRate: 0.03,
  },
  {
    name: "sql-01",
    resourceGroup: "rg-data-prod",
    location: "westeurope",
    osType: "Windows",
    sizeGb: 512,
    changeRate: 0.05,
  },
  {
    name: "sql-02",
    resourceGroup: "rg-data-prod",
    location: "westeurope",
    osType: "Windows",
    sizeGb: 512,
    changeRate: 0.04,
  },
  {
    name: "app-01",
    resourceGroup: "rg-app-prod",
    location: "westeurope",
    osType: "Windows",
    sizeGb: 128,
    changeRate: 0.03,
  },
  {
    name: "app-02",
    resourceGroup: "rg-app-prod",
    location: "westeurope",
    osType: "Windows",
    sizeGb: 128,
    changeRate: 0.03,
  },
  {
    name: "legacy-app-01",
    resourceGroup: "rg-app-prod",
    location: "westeurope",
    osType: "Windows",
    sizeGb: 256,
    changeRate: 0.01,
  },
  {
    name: "jumpbox-01",
    resourceGroup: "rg-ops",
    location: "westeurope",
    osType: "Windows",
    sizeGb: 128,
    changeRate: 0.01,
  },
  {
    name: "build-agent-01",
    resourceGroup: "rg-ops",
    location: "westeurope",
    osType: "Linux",
    sizeGb: 256,
    changeRate: 0.1,
  },
  {
    name: "dc-dr-01",
    resourceGroup: "rg-dr-eastus",
    location: "eastus",
    osType: "Windows",
    sizeGb: 128,
    changeRate: 0.01,
  },
  {
    name: "web-dr-01",
    resourceGroup: "rg-dr-eastus",
    location: "eastus",
    osType: "Linux",
    sizeGb: 64,
    changeRate: 0.02,
  },
];

const SERVERS = [
  {
    name: "fs01.contoso.com",
    osType: "Windows Server 2022",
    vault: "files",
    folders: [
      ["D:\\Shares\\Finance", 180, 0.02],
      ["D:\\Shares\\HR", 40, 0.01],
      ["D:\\Shares\\Engineering", 900, 0.04],
    ],
  },
  {
    name: "fs02.contoso.com",
    osType: "Windows Server 2019",
    vault: "files",
    folders: [
      ["C:\\Users", 120, 0.03],
      ["E:\\Archive", 2000, 0.001],
    ],
  },
  {
    name: "erp01.contoso.com",
    osType: "Windows Server 2022",
    vault: "dr",
    folders: [
      ["D:\\ERP\\Data", 300, 0.05],
      ["D:\\ERP\\Exports", 50, 0.1],
    ],
  },
] as const;

type StoredPolicy = { id: string; timeZone: string; properties: unknown };

/**
 * When app-02 was configured: two hours before `now`, or just after its policy's latest slot if
 * that is later, so its first backup is still pending ("Initial backup pending") at any hour.
 */
function configuredAfterLatestSlot(policy: StoredPolicy, now: Date): Date {
  const twoHoursAgo = new Date(now.getTime() - 2 * 3_600_000);
  const rules = rulesOfStoredPolicy(policy);
  const latest = scheduledSlots(rules.schedule, rules.timeZone, twoHoursAgo, now).findLast((slot) => slot.at <= now);
  if (!latest || latest.at < twoHoursAgo) return twoHoursAgo;
  return new Date(Math.min(latest.at.getTime() + 60_000, now.getTime()));
}

/** Seeds the demo estate into an empty database. `now` is the moment the history ends. */
export async function seedDemoEstate(db: Db, now: Date): Promise<void> {
  const vaultIds: Record<"prod" | "files" | "dr", string> = { prod: "", files: "", dr: "" };
  const vaultSpecs = [
    ["prod", DEMO_PINNED_VAULT, "rg-backup-prod", "westeurope", "GeoRedundant"],
    ["files", "vault-files-weu", "rg-backup-prod", "westeurope", "LocallyRedundant"],
    ["dr", "vault-dr-eus", "rg-backup-dr", "eastus", "GeoRedundant"],
  ] as const;
  for (const [key, name, resourceGroup, location, storageRedundancy] of vaultSpecs) {
    const created = await createVault(
      db,
      { subscriptionId: DEMO_SUBSCRIPTION_ID, resourceGroup, name, location, storageRedundancy },
      systemActor(DEMO_SETUP),
      // Created before any of the history: its activity entry is dated before the first backup.
      new Date(now.getTime() - 120 * DAY),
    );
    if (!created.ok) throw new Error(`Seeding ${name}: ${created.message}`);
    vaultIds[key] = created.data.id;
  }

  const createNamed = (vaultId: string, policy: ReturnType<typeof filesPolicy>) =>
    createPolicyRow(db, vaultId, policy.name, policy);
  const sqlPolicy = await createNamed(vaultIds.prod, sqlServersPolicy("Europe/Berlin", "W. Europe Standard Time"));
  const filesWeu = await createNamed(vaultIds.files, filesPolicy("Europe/Berlin", "W. Europe Standard Time"));
  const filesEus = await createNamed(vaultIds.dr, filesPolicy("America/New_York", "Eastern Standard Time"));
  const defaultPolicies = new Map(
    (await db.backupPolicy.findMany({ where: { name: DEFAULT_POLICY_NAME } })).map((policy) => [
      policy.vaultId,
      policy,
    ]),
  );

  const vms = new Map<string, { id: string; spec: VmSpec }>();
  for (const spec of VMS) {
    const vm = await db.virtualMachine.create({
      data: {
        subscriptionId: DEMO_SUBSCRIPTION_ID,
        resourceGroup: spec.resourceGroup,
        name: spec.name,
        location: spec.location,
        osType: spec.osType,
        sizeGb: spec.sizeGb,
        dailyChangeRatePercent: spec.changeRate * 100,
        createdAt: new Date(now.getTime() - 200 * DAY),
      },
    });
    vms.set(spec.name, { id: vm.id, spec });
  }
  const folders = new Map<
    string,
    { id: string; server: string; path: string; sizeGb: number; changeRate: number; vault: "files" | "dr" }
  >();
  for (const server of SERVERS) {
    const registeredAt = new Date(now.getTime() - 60 * DAY);
    const created = await db.backupAgentServer.create({
      data: { name: server.name, osType: server.osType, vaultId: vaultIds[server.vault], registeredAt },
    });
    await db.job.create({
      data: {
        vaultId: vaultIds[server.vault],
        operation: "Register",
        status: "Completed",
        startTime: registeredAt,
        endTime: new Date(registeredAt.getTime() + 20_000),
        entityFriendlyName: server.name,
        backupManagementType: "MAB",
        subTasks: [],
        progressPercent: 100,
        initiatedBy: DEMO_AUTHOR,
      },
    });
    for (const [path, sizeGb, changeRate] of server.folders) {
      const folder = await db.fileFolderSource.create({
        data: { serverId: created.id, path, sizeGb, dailyChangeRatePercent: changeRate * 100 },
      });
      folders.set(`${server.name}|${path}`, {
        id: folder.id,
        server: server.name,
        path,
        sizeGb,
        changeRate,
        vault: server.vault,
      });
    }
  }

  type Protection = {
    vault: "prod" | "files" | "dr";
    policy: StoredPolicy;
    since: Date;
    source: { vm: string } | { folder: string };
    vmDeletedAt?: Date;
    backupNowAt?: Date[];
    stoppedAt?: Date;
    softDeletedAt?: Date;
  };
  const daysAgo = (days: number, hour = 9) => new Date(now.getTime() - days * DAY - hour * 3_600_000);
  const protections: Protection[] = [
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(45), source: { vm: "web-01" } },
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(45), source: { vm: "web-02" } },
    {
      vault: "prod",
      policy: defaultPolicies.get(vaultIds.prod)!,
      since: daysAgo(40),
      source: { vm: "web-03" },
      stoppedAt: daysAgo(5),
    },
    { vault: "prod", policy: sqlPolicy, since: daysAgo(90), source: { vm: "sql-01" }, backupNowAt: [daysAgo(6, 5)] },
    { vault: "prod", policy: sqlPolicy, since: daysAgo(20), source: { vm: "sql-02" } },
    { vault: "prod", policy: defaultPolicies.get(vaultIds.prod)!, since: daysAgo(25), source: { vm: "app-01" } },
    {
      vault: "prod",
      policy: defaultPolicies.get(vaultIds.prod)!,
      since: configuredAfterLatestSlot(defaultPolicies.get(vaultIds.prod)!, now),
      source: { vm: "app-02" },
    },
    {
      vault: "prod",
      policy: defaultPolicies.get(vaultIds.prod)!,
      since: daysAgo(60),
      source: { vm: "legacy-app-01" },
      vmDeletedAt: daysAgo(3),
      backupNowAt: [daysAgo(1, 2)],
    },
    { vault: "dr", policy: defaultPolicies.get(vaultIds.dr)!, since: daysAgo(35), source: { vm: "dc-dr-01" } },
    {
      vault: "files",
      policy: filesWeu,
      since: daysAgo(50),
      source: { folder: "fs01.contoso.com|D:\\Shares\\Finance" },
    },
    { vault: "files", policy: filesWeu, since: daysAgo(50), source: { folder: "fs01.contoso.com|D:\\Shares\\HR" } },
    {
      vault: "files",
      policy: filesWeu,
      since: daysAgo(30),
      source: { folder: "fs02.contoso.com|C:\\Users" },
      softDeletedAt: daysAgo(2),
    },
    { vault: "dr", policy: filesEus, since: daysAgo(40), source: { folder: "erp01.contoso.com|D:\\ERP\\Data" } },
  ];

  // The history is what the engine produces under a virtual clock from the first protection to
  // half an hour ago, with the admin's actions at their times; later slots are the live engine's.
  const clock = new VirtualClock(new Date(Math.min(...protections.map((protection) => protection.since.getTime()))));
  const engine = createEngine({
    db,
    clock,
    mover: demoMover(clock),
    options: { onTimeMs: 90_000, graceMs: 60 * 60_000, concurrency: 1 },
  });
  const historyEnd = new Date(now.getTime() - 30 * 60_000);
  const itemIds = new Map<Protection, string>();
  const events: Array<{ at: Date; run: () => Promise<unknown> }> = [];
  const check = <T>(result: ServiceResult<T>): T => {
    if (!result.ok) throw new Error(`Seeding the demo history: ${result.message}`);
    return result.data;
  };
  for (const protection of protections) {
    const vaultId = vaultIds[protection.vault];
    const vm = "vm" in protection.source ? vms.get(protection.source.vm)! : null;
    const folder = "folder" in protection.source ? folders.get(protection.source.folder)! : null;
    const itemName = vm ? vm.spec.name : folder!.path;
    const itemOf = () => ({ vaultId, itemId: itemIds.get(protection)! });
    events.push({
      at: protection.since,
      run: async () => {
        const input = {
          vaultId,
          backupManagementType: vm ? ("AzureIaasVM" as const) : ("MAB" as const),
          sourceIds: [vm ? vm.id : folder!.id],
          policyId: protection.policy.id,
        };
        itemIds.set(protection, check(await configureBackup(db, input, admin, clock.now())).itemIds[0]);
      },
    });
    if (protection.vmDeletedAt && vm) {
      events.push({
        at: protection.vmDeletedAt,
        run: () => db.virtualMachine.update({ where: { id: vm.id }, data: { deletedAt: clock.now() } }),
      });
    }
    for (const at of protection.backupNowAt ?? []) {
      events.push({
        at,
        run: async () => {
          check(
            await backupNow(
              db,
              { ...itemOf(), retainUntil: new Date(clock.now().getTime() + 90 * DAY) },
              admin,
              clock.now(),
            ),
          );
          await engine.runPending();
        },
      });
    }
    if (protection.stoppedAt) {
      events.push({
        at: protection.stoppedAt,
        run: async () =>
          check(await stopBackup(db, { ...itemOf(), mode: "retain", reason: "Decommissioned" }, admin, clock.now())),
      });
    }
    if (protection.softDeletedAt) {
      events.push({
        at: protection.softDeletedAt,
        run: async () =>
          check(await stopBackup(db, { ...itemOf(), mode: "delete", confirmName: itemName }, admin, clock.now())),
      });
    }
  }
  const slotTimes = new Set<number>();
  for (const protection of protections) {
    const rules = rulesOfStoredPolicy(protection.policy);
    for (const slot of scheduledSlots(
      rules.schedule,
      rules.timeZone,
      protection.since,
      protection.stoppedAt ?? protection.softDeletedAt ?? historyEnd,
    ))
      slotTimes.add(slot.at.getTime());
  }
  // Each tick's backups run before the next event: the virtual clock moves only between events (and with the demo mover).
  for (const time of slotTimes) events.push({ at: new Date(time), run: async () => (await engine.tick()).runs });
  // Stable: an action precedes a tick at the same instant (protections come first in the list).
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of events) {
    // A long backup may have carried the clock past the event: it then happens a little late.
    if (event.at > clock.now()) clock.set(event.at);
    await event.run();
  }
  // Backup jobs older than 30 days are not part of the demo's job history, unless a point remains of them.
  await db.job.deleteMany({
    where: { operation: "Backup", startTime: { lt: new Date(now.getTime() - 30 * DAY) }, recoveryPoint: { is: null } },
  });
  const app01 = protections.find((protection) => "vm" in protection.source && protection.source.vm === "app-01")!;
  await db.protectedItem.update({
    where: { id: itemIds.get(app01)! },
    data: {
      preCheckStatus: "Warning",
      healthDetails: [
        {
          code: "UserErrorGuestAgentOutdated",
          title: "VM agent is out of date",
          message: "The VM agent on the virtual machine is older than the supported version.",
          recommendations: ["Update the VM agent to the latest version."],
        },
      ],
    },
  });
}

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return (await db.vault.count()) === 0 && (await db.virtualMachine.count()) === 0;
}

/**
 * The demo's dashboard: vault-prod-weu pinned for every user who sees it (the Owners, users with a
 * role on it). Pins are per user, so this runs once the demo's users and the Owner exist.
 */
export async function pinDemoVault(db: Db): Promise<void> {
  const vault = await db.vault.findFirst({
    where: { subscriptionId: DEMO_SUBSCRIPTION_ID, nameKey: DEMO_PINNED_VAULT },
    select: { id: true },
  });
  if (!vault) return;
  const users = await db.user.findMany({
    where: { OR: [{ role: OWNER_ROLE }, { vaultRoles: { some: { vaultId: vault.id } } }] },
    select: { id: true },
  });
  for (const user of users) {
    const pin = { userId: user.id, vaultId: vault.id };
    await db.dashboardPin.upsert({ where: { userId_vaultId: pin }, create: pin, update: {} });
  }
}

/** Removes every row, children first, so the demo can be seeded again. */
export async function clearDatabase(db: Db): Promise<void> {
  await db.$transaction([
    db.recoveryPoint.deleteMany(),
    db.job.deleteMany(),
    db.dashboardPin.deleteMany(),
    db.protectedItem.deleteMany(),
    db.backupPolicy.deleteMany(),
    db.fileFolderSource.deleteMany(),
    db.backupAgentServer.deleteMany(),
    db.virtualMachine.deleteMany(),
    db.vault.deleteMany(),
  ]);
}
