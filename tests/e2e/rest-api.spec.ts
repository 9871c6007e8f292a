import { expect, test } from "@playwright/test";

// The REST API with the portal's session cookie (signed in as the Owner): reads work, and a write
// counts only when the browser says it comes from the portal's own origin (no cross-site forgery).
const SUBSCRIPTION = "6b1f2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d";
const API_VERSION = "api-version=2023-06-01";

test("the session cookie reads the REST API, and writes only from the portal's own origin", async ({
  request,
  baseURL,
}) => {
  const list = await request.get(
    `/api/arm/subscriptions/${SUBSCRIPTION}/providers/Microsoft.RecoveryServices/vaults?${API_VERSION}`,
  );
  expect(list.status()).toBe(200);
  const vaults = ((await list.json()) as { value: Array<{ id: string; name: string }> }).value;
  expect(vaults.map((vault) => vault.name)).toContain("vault-prod-weu");
  const vault = vaults.find((candidate) => candidate.name === "vault-prod-weu")!;
  const policyUrl = `/api/arm${vault.id}/backupPolicies/CookiePolicy?${API_VERSION}`;
  const policy = {
    properties: {
      backupManagementType: "AzureIaasVM",
      timeZone: "UTC",
      schedulePolicy: {
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Daily",
        scheduleRunTimes: ["2026-01-01T21:00:00Z"],
      },
      retentionPolicy: {
        retentionPolicyType: "LongTermRetentionPolicy",
        dailySchedule: {
          retentionTimes: ["2026-01-01T21:00:00Z"],
          retentionDuration: { count: 14, durationType: "Days" },
        },
      },
    },
  };

  const forged = await request.put(policyUrl, { data: policy, headers: { origin: "https://attacker.example" } });
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("CrossSiteRequestRefused");
  expect((await request.get(policyUrl)).status()).toBe(404);

  const own = await request.put(policyUrl, { data: policy, headers: { origin: baseURL! } });
  expect(own.status()).toBe(200);
  expect(((await request.get(policyUrl).then((response) => response.json())) as { name: string }).name).toBe(
    "CookiePolicy",
  );
  expect((await request.delete(policyUrl, { headers: { origin: baseURL! } })).status()).toBe(202);
});
