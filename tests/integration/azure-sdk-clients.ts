// The official Azure SDK clients pointed at a running portal's ARM API (`{baseUrl}/api/arm`):
// plain http on loopback, the portal's API token as the bearer token, no retries, no proxy.
// See docs/rest-api-contract.md ("Driving it with the Azure SDK") for why each setting is needed.
// Also the REST API suites' shared helpers: names, a policy, errors, 202s and polling.
import { RecoveryServicesClient } from "@azure/arm-recoveryservices";
import {
  type JobResource,
  type MabProtectionPolicy,
  type OperationStatus,
  RecoveryServicesBackupClient,
} from "@azure/arm-recoveryservicesbackup";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import {
  bearerTokenAuthenticationPolicyName,
  type HttpHeaders,
  isRestError,
  type Pipeline,
  type PipelinePolicy,
  type PipelineResponse,
  proxyPolicyName,
  type RestError,
} from "@azure/core-rest-pipeline";
import { expect } from "vitest";
import type { ServiceResult } from "@/lib/server/result";

/** The subscription the tests' resources live in. */
export const SUBSCRIPTION_ID = "5e1a2b3c-4d5e-4f60-8a71-92b3c4d5e6f7";

/** Per-call option for the SDKs' long-running operations: poll every 50 ms instead of ~2 s. */
export const FAST_POLLING = { updateIntervalInMs: 50 } as const;

/** The ARM endpoint of a portal server: where both clients send their requests. */
export function armEndpoint(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/arm`;
}

/** A credential the SDKs require but never use: its bearer policy is replaced (see testPipeline). */
const unusedCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: "unused", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/**
 * Sign-phase policy: sends the portal token (or no Authorization header at all), allows http for
 * every request including LRO polls and nextLinks, and refuses URLs outside the endpoint so that
 * a server handing out https://management.azure.com/… links fails loudly instead of leaking.
 */
function portalAuthPolicy(endpoint: string, token: string | undefined): PipelinePolicy {
  return {
    name: "vaultPortalTestAuthPolicy",
    async sendRequest(request, next) {
      if (!request.url.startsWith(`${endpoint}/`)) {
        throw new Error(`The SDK was sent to ${request.url}, outside the test server's endpoint ${endpoint}.`);
      }
      request.allowInsecureConnection = true;
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      else request.headers.delete("Authorization");
      return next(request);
    },
  };
}

function testPipeline(pipeline: Pipeline, endpoint: string, token: string | undefined) {
  // The stock bearer policy refuses http and would ask the fake credential for an Azure AD token.
  pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
  // Loopback requests must not go to an HTTP(S)_PROXY from the environment.
  pipeline.removePolicy({ name: proxyPolicyName });
  pipeline.addPolicy(portalAuthPolicy(endpoint, token), { phase: "Sign" });
}

/**
 * @azure/arm-recoveryservicesbackup 12 (AutoRest, core-client): policies, protected items, Backup
 * now, jobs, recovery points, operation statuses. `endpoint` builds the URLs, `$host` is a second
 * host field of the generated client: both point at the portal. api-version sent: 2023-06-01.
 */
export function backupClient(baseUrl: string, token?: string): RecoveryServicesBackupClient {
  const endpoint = armEndpoint(baseUrl);
  const client = new RecoveryServicesBackupClient(unusedCredential, SUBSCRIPTION_ID, {
    endpoint,
    $host: endpoint,
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
  testPipeline(client.pipeline, endpoint, token);
  return client;
}

/**
 * @azure/arm-recoveryservices 7.2 (TypeSpec "modular" client on @azure-rest/core-client): vaults.
 * The subscription id is the second constructor argument; api-version sent: 2026-07-01.
 */
export function vaultClient(baseUrl: string, token?: string): RecoveryServicesClient {
  const endpoint = armEndpoint(baseUrl);
  const client = new RecoveryServicesClient(unusedCredential, SUBSCRIPTION_ID, {
    endpoint,
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
  testPipeline(client.pipeline, endpoint, token);
  return client;
}

export type RecordedResponse = { status: number; headers: HttpHeaders; url: string };

/**
 * Captures the raw responses of an SDK call, for the headers the SDK doesn't return
 * (Azure-AsyncOperation, Location of the 202s). Pass `recorder.options` (or spread it) as the
 * call's options, then read `recorder.last`.
 *
 *     const recorder = responseRecorder();
 *     await client.backups.trigger(vault, rg, "Azure", container, item, body, recorder.options);
 *     recorder.last.status; recorder.header("azure-asyncoperation");
 */
export function responseRecorder() {
  const responses: RecordedResponse[] = [];
  const onResponse = (raw: PipelineResponse) => {
    responses.push({ status: raw.status, headers: raw.headers, url: raw.request.url });
  };
  return {
    options: { onResponse },
    responses,
    get last(): RecordedResponse {
      const response = responses.at(-1);
      if (!response) throw new Error("The call received no response.");
      return response;
    },
    /** A header of the last response, or undefined. */
    header(name: string): string | undefined {
      return this.last.headers.get(name);
    },
  };
}

/** Every item of an SDK list (all pages). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The pages of an SDK list as the server sent them (one array per page). */
export async function collectPages<T>(list: { byPage: () => AsyncIterable<T[]> }): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const page of list.byPage()) pages.push(page);
  return pages;
}

// ---- helpers of the REST API suites -----------------------------------------------------------

/** An Azure VM's backup names (container, protected item) and its resource id. */
export function vmNames(vm: string, resourceGroup = "rg-vms") {
  return {
    friendlyName: vm,
    container: `IaasVMContainer;iaasvmcontainerv2;${resourceGroup};${vm}`,
    item: `VM;iaasvmcontainerv2;${resourceGroup};${vm}`,
    sourceResourceId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vm}`,
  };
}
export type ItemNames = { container: string; item: string };

/** A Backup Agent policy: daily at 22:00, daily points kept 30 days (MAB policies carry no time zone). */
export const MAB_DAILY: MabProtectionPolicy = {
  backupManagementType: "MAB",
  schedulePolicy: {
    schedulePolicyType: "SimpleSchedulePolicy",
    scheduleRunFrequency: "Daily",
    scheduleRunTimes: [new Date("2026-01-01T22:00:00Z")],
  },
  retentionPolicy: {
    retentionPolicyType: "LongTermRetentionPolicy",
    dailySchedule: {
      retentionTimes: [new Date("2026-01-01T22:00:00Z")],
      retentionDuration: { count: 30, durationType: "Days" },
    },
  },
};

export function okData<T>(result: ServiceResult<T>): T {
  if (!result.ok) throw new Error(`The service refused: ${result.code}: ${result.message}`);
  return result.data;
}

/** Awaits a call that must fail with a RestError of that status and code (any non-empty code when none is given). */
export async function expectRestError(
  call: Promise<unknown>,
  statusCode: number | number[],
  code?: string | RegExp,
): Promise<RestError> {
  let error: unknown;
  try {
    await call;
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) throw new Error(`Expected a RestError ${statusCode}, but the call succeeded.`);
  if (!isRestError(error)) throw error;
  if (Array.isArray(statusCode)) expect(statusCode).toContain(error.statusCode);
  else expect(error.statusCode, error.message).toBe(statusCode);
  expect(error.code, error.message).toMatch(
    code === undefined ? /\S/ : typeof code === "string" ? new RegExp(`^${code}$`) : code,
  );
  return error;
}

/** Polls `read` until `done` holds (every 100 ms, up to `timeoutMs`); returns the last value. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The operation id at the end of an Azure-AsyncOperation or Location URL. */
export function operationIdOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split("/").at(-1)!);
}

/** Checks a 202's Azure-AsyncOperation and Location headers: absolute URLs on the server with api-version. */
export function acceptedHeaders(baseUrl: string, response: RecordedResponse) {
  expect(response.status).toBe(202);
  const asyncOperation = response.headers.get("azure-asyncoperation");
  const location = response.headers.get("location");
  for (const url of [asyncOperation, location]) {
    expect(url).toBeDefined();
    expect(url!.startsWith(`${armEndpoint(baseUrl)}/`), `${url} is on ${baseUrl}/api/arm`).toBe(true);
    expect(url).toContain("api-version=");
  }
  return {
    asyncOperation: asyncOperation!,
    location: location!,
    asyncPath: decodeURIComponent(new URL(asyncOperation!).pathname),
    locationPath: decodeURIComponent(new URL(location!).pathname),
  };
}

export const TERMINAL_OPERATION = ["Succeeded", "Failed", "Canceled"];
const TERMINAL_JOB = ["Completed", "CompletedWithWarnings", "Failed", "Cancelled"];

/** Polls an item operation (Azure-AsyncOperation of an item PUT, Backup now or a restore) to its end; it must succeed. */
export async function itemOperationSucceeds(
  client: RecoveryServicesBackupClient,
  vaultName: string,
  resourceGroup: string,
  names: ItemNames,
  operationId: string,
): Promise<OperationStatus> {
  const status = await waitFor(
    `item operation ${operationId}`,
    () =>
      client.protectedItemOperationStatuses.get(
        vaultName,
        resourceGroup,
        "Azure",
        names.container,
        names.item,
        operationId,
      ),
    (operation) => TERMINAL_OPERATION.includes(operation.status ?? ""),
  );
  expect(status.status, JSON.stringify(status.error)).toBe("Succeeded");
  return status;
}

/** Polls a job until it ends. */
export function waitForJob(
  client: RecoveryServicesBackupClient,
  vaultName: string,
  resourceGroup: string,
  jobId: string,
): Promise<JobResource> {
  return waitFor(
    `job ${jobId}`,
    () => client.jobDetails.get(vaultName, resourceGroup, jobId),
    (job) => TERMINAL_JOB.includes(job.properties?.status ?? ""),
  );
}
