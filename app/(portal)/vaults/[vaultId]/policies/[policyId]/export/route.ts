import { exportAzurePolicy } from "@/lib/domain/policy/azure-json";
import { getDb } from "@/lib/server/db";
import { getPolicy } from "@/lib/server/services/policies";
import { vaultOfRequest } from "../../../load-vault";

/** The policy as Azure REST JSON (the ProtectionPolicy resource), as a download. */
export async function GET(request: Request, { params }: { params: Promise<{ vaultId: string; policyId: string }> }) {
  const { vaultId, policyId } = await params;
  const vault = await vaultOfRequest(request, vaultId);
  if (vault instanceof Response) return vault;
  const policy = await getPolicy(getDb(), vault.id, policyId);
  if (!policy)
    return Response.json(
      { error: { code: "ResourceNotFound", message: "The policy was not found." } },
      { status: 404 },
    );
  const id = `/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}/backupPolicies/${policy.name}`;
  return new Response(`${JSON.stringify(exportAzurePolicy({ ...policy, id }), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json",
      "Content-Disposition": `attachment; filename="${policy.name}.json"`,
    },
  });
}
