// npm run bench: a benchmark, not a test. On the scale estate in DATABASE_URL (npm run seed:scale),
// starts the production server and measures each blade over 200 requests after a warm-up:
// (a) p50/p95 of the whole HTTP response, (b) p95 of the page's data loading alone (its service
// calls, in this process), (c) p95 of the same data fetched by hand-written SQL on the same
// database (the floor); then the engine (npm run bench:engine) and the server's memory. Prints a
// table and writes bench-results.json.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { jobFiltersSchema } from "@/lib/schemas/jobs";
import { listJobResources } from "@/lib/server/arm/jobs";
import { providerOf, sqliteFilePath } from "@/lib/server/database-url";
import { countItemsByType, getItemDashboard, listItems, listRecoveryPoints } from "@/lib/server/services/items";
import { getJob, listJobs } from "@/lib/server/services/jobs";
import { getVaultOverview } from "@/lib/server/services/overview";
import { listPolicies } from "@/lib/server/services/policies";
import { getVault } from "@/lib/server/services/vaults";
import { portalUnderTest } from "./bench-portal";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARM_UP = 20;
const TIME_ZONE = "Europe/Berlin";

const portal = await portalUnderTest();
const { url, db, vault, actor, server, base, cookie } = portal;
const provider = providerOf(url);

const item = await db.protectedItem.findFirstOrThrow({
  where: { vaultId: vault.id, backupManagementType: "AzureIaasVM" },
  orderBy: [{ friendlyName: "asc" }, { id: "asc" }],
});
const job = await db.job.findFirstOrThrow({
  where: { protectedItemId: item.id, operation: "Backup" },
  orderBy: { startTime: "desc" },
});

// ---- the floor: the same data by hand-written SQL ---------------------------------------------

type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;
const at = (date: Date) => (provider === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString());
let closeFloor: () => Promise<void>;
let query: Query;
if (provider === "sqlite") {
  const sqlite = new Database(sqliteFilePath(url), { readonly: true });
  query = async (sql, params = []) => sqlite.prepare(sql).all(...params);
  closeFloor = async () => {
    sqlite.close();
  };
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  query = async (sql, params = []) => {
    let index = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++index}`),
        params,
      )
    ).rows;
  };
  closeFloor = () => client.end();
}

const VAULT_ROW = `SELECT * FROM "Vault" WHERE "id" = ?`;
const JOB_PAGE = `SELECT "id", "entityFriendlyName", "operation", "status", "backupManagementType", "startTime", "endTime", "progressPercent" FROM "Job"`;

async function floorItemPage(page: number) {
  await query(VAULT_ROW, [vault.id]);
  await query(
    `SELECT COUNT(*) AS n FROM "ProtectedItem" WHERE "vaultId" = ? AND "backupManagementType" = 'AzureIaasVM'`,
    [vault.id],
  );
  const rows = (await query(
    `SELECT p."id", p."friendlyName", p."preCheckStatus", p."protectionState", p."deletedAt", p."purgeAt", p."lastBackupStatus", p."lastBackupTime", v."resourceGroup"
     FROM "ProtectedItem" p LEFT JOIN "VirtualMachine" v ON v."id" = p."virtualMachineId"
     WHERE p."vaultId" = ? AND p."backupManagementType" = 'AzureIaasVM' ORDER BY p."friendlyName", p."id" LIMIT 20 OFFSET ?`,
    [vault.id, (page - 1) * 20],
  )) as Array<{ id: string }>;
  await query(
    `SELECT "protectedItemId", MAX("time") AS latest FROM "RecoveryPoint" WHERE "protectedItemId" IN (${rows.map(() => "?").join(", ")}) GROUP BY "protectedItemId"`,
    rows.map((row) => row.id),
  );
  return rows;
}

async function floorJobs(status: string | null, days: number) {
  const now = new Date();
  const where = `WHERE "vaultId" = ? AND "startTime" >= ? AND "startTime" <= ?${status ? ` AND "status" = '${status}'` : ""}`;
  const params = [vault.id, at(new Date(now.getTime() - days * 86_400_000)), at(now)];
  await query(VAULT_ROW, [vault.id]);
  await query(`SELECT COUNT(*) AS n FROM "Job" ${where}`, params);
  return (await query(`${JOB_PAGE} ${where} ORDER BY "startTime" DESC, "id" DESC LIMIT 25`, params)) as Array<{
    id: string;
  }>;
}

async function floorOverviewDays() {
  const now = Date.now();
  for (let day = 0; day < 7; day++) {
    await query(
      `SELECT "status", COUNT(*) AS n FROM "Job" WHERE "vaultId" = ? AND "startTime" >= ? AND "startTime" < ? GROUP BY "status"`,
      [vault.id, at(new Date(now - (7 - day) * 86_400_000)), at(new Date(now - (6 - day) * 86_400_000))],
    );
  }
}

async function floorItemsByType() {
  await query(VAULT_ROW, [v]);
  return (await query(
    `SELECT "backupManagementType", COUNT(*) AS n FROM "ProtectedItem" WHERE "vaultId" = ? GROUP BY "backupManagementType" ORDER BY "backupManagementType"`,
    [v],
  )) as Array<{ backupManagementType: string; n: number | string }>;
}

async function floorRecoveryPoints() {
  await query(VAULT_ROW, [v]);
  await query(
    `SELECT "id", "friendlyName", "backupManagementType", "protectionState", "deletedAt" FROM "ProtectedItem" WHERE "id" = ? AND "vaultId" = ?`,
    [item.id, v],
  );
  await query(`SELECT COUNT(*) AS n FROM "RecoveryPoint" WHERE "protectedItemId" = ?`, [item.id]);
  const rows = (await query(
    `SELECT * FROM "RecoveryPoint" WHERE "protectedItemId" = ? ORDER BY "time" DESC, "id" DESC LIMIT 25`,
    [item.id],
  )) as Array<{ id: string }>;
  await query(
    `SELECT "id" FROM "RecoveryPoint" WHERE "protectedItemId" = ? AND "inVaultTier" = ? ORDER BY "time" DESC LIMIT 1`,
    [item.id, provider === "sqlite" ? 1 : true],
  );
  return rows;
}

async function floorApiJobs() {
  const now = new Date();
  await query(`SELECT * FROM "Vault" WHERE "nameKey" = ?`, [vault.nameKey]);
  return (await query(
    `SELECT j.*, p."containerName", s."name" AS server FROM "Job" j LEFT JOIN "ProtectedItem" p ON p."id" = j."protectedItemId" LEFT JOIN "FileFolderSource" f ON f."id" = p."fileFolderSourceId" LEFT JOIN "BackupAgentServer" s ON s."id" = f."serverId"
     WHERE j."vaultId" = ? AND j."startTime" >= ? AND j."startTime" <= ? ORDER BY j."startTime" DESC, j."id" DESC LIMIT 101`,
    [v, at(new Date(now.getTime() - 86_400_000)), at(now)],
  )) as Array<{ id: string }>;
}

/** The REST API's jobs list of the last 24 hours, as its route answers it (the body's text). */
async function apiJobs(): Promise<string> {
  const request = {
    db,
    actor,
    method: "GET",
    segments: apiJobsPath.split("/").slice(3),
    params: {},
    apiVersion: "2023-06-01",
    base,
    body: null,
  };
  const response = await listJobResources({ ...request, query: new URLSearchParams({ $filter: apiFilter() }) }, vault);
  return response.text();
}

// ---- the blades ----------------------------------------------------------------------------------

type Blade = {
  name: string;
  path: string;
  headers?: Record<string, string>;
  data: () => Promise<unknown>;
  floor: () => Promise<unknown>;
  /**
   * The rows a list blade shows, as the service and as the floor's SQL give them: they must be the
   * same, or the floor measures other work than the blade does.
   */
  rows?: () => Promise<{ service: unknown[]; floor: unknown[] }>;
};
const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);
const v = vault.id;
const jobsFilter = (query: Record<string, string>) => jobFiltersSchema.parse(query);
const apiJobsPath = `/api/arm/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}/backupJobs`;
const apiFilter = () => {
  const now = new Date();
  return `startTime eq '${new Date(now.getTime() - 86_400_000).toISOString()}' and endTime eq '${now.toISOString()}'`;
};

const blades: Blade[] = [
  {
    name: "vault overview",
    path: `/vaults/${v}`,
    data: () => Promise.all([getVault(db, v), getVaultOverview(db, v, new Date(), TIME_ZONE)]),
    floor: async () => {
      await query(VAULT_ROW, [v]);
      await query(
        `SELECT "backupManagementType", COUNT(*) AS n FROM "ProtectedItem" WHERE "vaultId" = ? GROUP BY "backupManagementType"`,
        [v],
      );
      await query(`SELECT COUNT(*) AS n FROM "Job" WHERE "vaultId" = ? AND "status" = 'InProgress'`, [v]);
      await query(`SELECT COUNT(*) AS n FROM "Job" WHERE "vaultId" = ? AND "status" = 'Failed' AND "startTime" >= ?`, [
        v,
        at(new Date(Date.now() - 86_400_000)),
      ]);
      await query(
        `SELECT "preCheckStatus", COUNT(*) AS n FROM "ProtectedItem" WHERE "vaultId" = ? AND "backupManagementType" = 'AzureIaasVM' AND "deletedAt" IS NULL GROUP BY "preCheckStatus"`,
        [v],
      );
      await query(`SELECT SUM("storedBytes") AS bytes FROM "ProtectedItem" WHERE "vaultId" = ?`, [v]);
      await query(`SELECT COUNT(*) AS n FROM "BackupPolicy" WHERE "vaultId" = ?`, [v]);
      await floorOverviewDays();
    },
  },
  {
    name: "backup items by type",
    path: `/vaults/${v}/items`,
    data: () => Promise.all([getVault(db, v), countItemsByType(db, v)]),
    floor: floorItemsByType,
    rows: async () => ({
      service: Object.entries(await countItemsByType(db, v))
        .filter(([, count]) => count > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, count]) => `${type} ${count}`),
      floor: (await floorItemsByType()).map((row) => `${row.backupManagementType} ${Number(row.n)}`),
    }),
  },
  {
    name: "item list page 1",
    path: `/vaults/${v}/items/AzureIaasVM`,
    data: () => Promise.all([getVault(db, v), listItems(db, v, "AzureIaasVM", { page: 1 })]),
    floor: () => floorItemPage(1),
    rows: async () => ({
      service: ids((await listItems(db, v, "AzureIaasVM", { page: 1 })).rows),
      floor: ids(await floorItemPage(1)),
    }),
  },
  {
    name: "item list page 50",
    path: `/vaults/${v}/items/AzureIaasVM?page=50`,
    data: () => Promise.all([getVault(db, v), listItems(db, v, "AzureIaasVM", { page: 50 })]),
    floor: () => floorItemPage(50),
    rows: async () => ({
      service: ids((await listItems(db, v, "AzureIaasVM", { page: 50 })).rows),
      floor: ids(await floorItemPage(50)),
    }),
  },
  {
    name: "item dashboard",
    path: `/vaults/${v}/items/AzureIaasVM/${item.id}`,
    data: () => Promise.all([getVault(db, v), getItemDashboard(db, v, item.id), listPolicies(db, v)]),
    floor: async () => {
      await query(VAULT_ROW, [v]);
      await query(
        `SELECT p.*, v."resourceGroup", v."sizeGb", v."osType", b."name" AS policy FROM "ProtectedItem" p LEFT JOIN "VirtualMachine" v ON v."id" = p."virtualMachineId" LEFT JOIN "BackupPolicy" b ON b."id" = p."policyId" WHERE p."id" = ? AND p."vaultId" = ?`,
        [item.id, v],
      );
      await query(
        `SELECT MIN("time") AS oldest, MAX("time") AS latest, COUNT(*) AS n FROM "RecoveryPoint" WHERE "protectedItemId" = ?`,
        [item.id],
      );
      await query(`SELECT * FROM "RecoveryPoint" WHERE "protectedItemId" = ? ORDER BY "time" DESC, "id" DESC LIMIT 5`, [
        item.id,
      ]);
      await query(
        `SELECT "id" FROM "RecoveryPoint" WHERE "protectedItemId" = ? AND "inVaultTier" = ? ORDER BY "time" DESC LIMIT 1`,
        [item.id, provider === "sqlite" ? 1 : true],
      );
      await query(
        `SELECT "id", "operation", "status", "startTime", "endTime" FROM "Job" WHERE "protectedItemId" = ? ORDER BY "startTime" DESC LIMIT 10`,
        [item.id],
      );
      await query(
        `SELECT b.*, (SELECT COUNT(*) FROM "ProtectedItem" p WHERE p."policyId" = b."id") AS items FROM "BackupPolicy" b WHERE b."vaultId" = ? ORDER BY b."nameKey"`,
        [v],
      );
    },
  },
  {
    name: "jobs, last 24 hours",
    path: `/vaults/${v}/jobs`,
    data: () => Promise.all([getVault(db, v), listJobs(db, v, jobsFilter({}), new Date(), TIME_ZONE)]),
    floor: () => floorJobs(null, 1),
    rows: async () => ({
      service: ids((await listJobs(db, v, jobsFilter({}), new Date(), TIME_ZONE)).rows),
      floor: ids(await floorJobs(null, 1)),
    }),
  },
  {
    name: "failed jobs, 30 days",
    path: `/vaults/${v}/jobs?status=Failed&range=30d`,
    data: () =>
      Promise.all([
        getVault(db, v),
        listJobs(db, v, jobsFilter({ status: "Failed", range: "30d" }), new Date(), TIME_ZONE),
      ]),
    floor: () => floorJobs("Failed", 30),
    rows: async () => ({
      service: ids((await listJobs(db, v, jobsFilter({ status: "Failed", range: "30d" }), new Date(), TIME_ZONE)).rows),
      floor: ids(await floorJobs("Failed", 30)),
    }),
  },
  {
    name: "job details",
    path: `/vaults/${v}/jobs/${job.id}`,
    data: () => Promise.all([getVault(db, v), getJob(db, v, job.id)]),
    floor: async () => {
      await query(VAULT_ROW, [v]);
      await query(
        `SELECT j.*, p."friendlyName" AS item FROM "Job" j LEFT JOIN "ProtectedItem" p ON p."id" = j."protectedItemId" WHERE j."id" = ? AND j."vaultId" = ?`,
        [job.id, v],
      );
    },
  },
  {
    name: "recovery points of an item",
    path: `/vaults/${v}/items/AzureIaasVM/${item.id}/restore-points`,
    data: () => Promise.all([getVault(db, v), listRecoveryPoints(db, v, item.id, 1)]),
    floor: floorRecoveryPoints,
    rows: async () => ({
      service: ids((await listRecoveryPoints(db, v, item.id, 1))?.rows ?? []),
      floor: ids(await floorRecoveryPoints()),
    }),
  },
  {
    name: "API jobs list",
    path: `${apiJobsPath}?api-version=2023-06-01&$filter=${encodeURIComponent(apiFilter())}`,
    headers: { authorization: `Bearer ${portal.token}` },
    data: apiJobs,
    floor: floorApiJobs,
    rows: async () => ({
      // The API pages by 100 (ARM_PAGE_SIZE); the floor reads one more to know a next page follows.
      service: (JSON.parse(await apiJobs()) as { value: Array<{ id: string }> }).value.map((job) =>
        job.id.split("/").pop(),
      ),
      floor: ids(await floorApiJobs()).slice(0, 100),
    }),
  },
];

// ---- measuring -------------------------------------------------------------------------------------

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
};
const round = (value: number) => Math.round(value * 10) / 10;

async function timings(run: () => Promise<unknown>): Promise<number[]> {
  for (let index = 0; index < WARM_UP; index++) await run();
  const times: number[] = [];
  for (let index = 0; index < REQUESTS; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

/** Resident memory of a process and its children, in MB. */
function rssMb(pid: number): number {
  const children = (parent: number): number[] =>
    readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          return Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]) === parent;
        } catch {
          return false;
        }
      })
      .map(Number);
  const tree = [pid];
  for (let index = 0; index < tree.length; index++) tree.push(...children(tree[index]));
  return tree.reduce((sum, id) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))![1]) / 1024;
    } catch {
      return sum;
    }
  }, 0);
}

const results: Array<{
  name: string;
  p50Ms: number;
  p95Ms: number;
  dataP95Ms: number;
  floorP95Ms: number;
  ratio: number;
}> = [];
let peakRss = 0;
try {
  const http = new Map<Blade, number[]>();
  for (const blade of blades) {
    const request = async () => {
      const response = await fetch(`${base}${blade.path}`, {
        headers: { cookie: `${cookie}; tz=${TIME_ZONE}`, ...blade.headers },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${blade.name}: HTTP ${response.status}`);
    };
    http.set(blade, await timings(request));
    peakRss = Math.max(peakRss, rssMb(server.pid!));
  }
  for (const blade of blades) {
    const rows = await blade.rows?.();
    if (rows && JSON.stringify(rows.service) !== JSON.stringify(rows.floor))
      throw new Error(
        `${blade.name}: the floor's SQL doesn't return the rows the service does, so its time isn't the blade's floor.\nservice: ${JSON.stringify(rows.service)}\nfloor:   ${JSON.stringify(rows.floor)}`,
      );
    const data = await timings(blade.data);
    const floor = await timings(blade.floor);
    const result = {
      name: blade.name,
      p50Ms: round(percentile(http.get(blade)!, 0.5)),
      p95Ms: round(percentile(http.get(blade)!, 0.95)),
      dataP95Ms: round(percentile(data, 0.95)),
      floorP95Ms: round(percentile(floor, 0.95)),
      ratio: 0,
    };
    result.ratio = round(result.dataP95Ms / Math.max(result.floorP95Ms, 0.1));
    results.push(result);
    console.log(
      `${blade.name.padEnd(28)} p50 ${String(result.p50Ms).padStart(7)} ms  p95 ${String(result.p95Ms).padStart(7)} ms  data p95 ${String(result.dataP95Ms).padStart(7)} ms  floor p95 ${String(result.floorP95Ms).padStart(7)} ms  ratio ${result.ratio}`,
    );
  }
} finally {
  await closeFloor();
  await portal.stop();
}

// The engine's figures, on a fresh database of the same kind.
console.log("Engine (npm run bench:engine)…");
let engineUrl = process.env.BENCH_ENGINE_DATABASE_URL;
let dropEngineDb: (() => Promise<void>) | null = null;
if (!engineUrl && provider === "postgres") {
  const name = `vp_bench_engine_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const engineDbUrl = new URL(url);
  engineDbUrl.pathname = `/${name}`;
  engineUrl = engineDbUrl.toString();
  dropEngineDb = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}
const engineOutput = execFileSync("node_modules/.bin/tsx", ["scripts/bench-engine.ts"], {
  env: { ...process.env, LOG_LEVEL: "warn", ...(engineUrl ? { BENCH_DATABASE_URL: engineUrl } : {}) },
  encoding: "utf8",
});
await dropEngineDb?.();
const engineFigures = JSON.parse(engineOutput.trim().split("\n").at(-1)!) as Record<string, number>;
const report = {
  database: provider,
  blades: results,
  engine: { tick20kMs: engineFigures.tickMs_20000Items, sweep1MMs: engineFigures.sweepMillionPointsMs },
  rssMb: Math.round(peakRss),
};
console.log(
  `engine: tick of 20,000 items ${report.engine.tick20kMs} ms, sweep of 1,000,000 points ${report.engine.sweep1MMs} ms; server RSS ${report.rssMb} MB`,
);
writeFileSync("bench-results.json", `${JSON.stringify(report, null, 2)}\n`);
console.log("Wrote bench-results.json.");
