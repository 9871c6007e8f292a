// npm run load: 60 seconds of 50 concurrent connections (autocannon) against the jobs list, the
// item dashboard and the REST API's jobs list of the scale estate in DATABASE_URL (npm run
// seed:scale), on the production server. Prints requests per second, latency percentiles and the
// error count; exits 1 when any request failed.
import autocannon from "autocannon";
import { portalUnderTest } from "./bench-portal";

const DURATION_SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);

const portal = await portalUnderTest();
const { vault, db } = portal;
let failed = false;
try {
  const item = await db.protectedItem.findFirstOrThrow({
    where: { vaultId: vault.id, backupManagementType: "AzureIaasVM" },
    orderBy: [{ friendlyName: "asc" }, { id: "asc" }],
  });
  const page = { cookie: `${portal.cookie}; tz=Europe/Berlin` };
  const api = `/api/arm/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}/backupJobs?api-version=2023-06-01`;
  const requests = [
    { method: "GET" as const, path: `/vaults/${vault.id}/jobs`, headers: page },
    { method: "GET" as const, path: `/vaults/${vault.id}/items/AzureIaasVM/${item.id}`, headers: page },
    { method: "GET" as const, path: api, headers: { authorization: `Bearer ${portal.token}` } },
  ];
  console.log(
    `${CONNECTIONS} connections for ${DURATION_SECONDS} s against ${requests.map((request) => request.path.split("?")[0]).join(", ")}…`,
  );
  const result = await autocannon({ url: portal.base, connections: CONNECTIONS, duration: DURATION_SECONDS, requests });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `requests: ${result.requests.total} in ${result.duration} s, ${result.requests.average} per second (mean)`,
  );
  console.log(
    `latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p97.5 ${result.latency.p97_5}, p99 ${result.latency.p99}, max ${result.latency.max}`,
  );
  console.log(
    `errors: ${errors} (connection errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
  );
  failed = errors > 0;
} finally {
  await portal.stop();
}
process.exitCode = failed ? 1 : 0;
