import { exportAzurePolicy } from "@/lib/domain/policy/azure-json";
import { signInRequired } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { getPolicy } from "@/lib/server/services/policies";
import { getVault } from "@/lib/server/services/vaults";

/** The policy as Azure REST JSON (the ProtectionPolicy resource), as a download. */
export async function GET(request: Request, { params }: { params: Promise<{ vaultId: string; policyId: string }> }) {
  const refusal = await signInRequired(request);
  if (refusal) return refusal;
  const { vaultId, policyId } = await params;
  const db = getDb();
  const [vault, policy] = await Promise.all([getVault(db, vaultId), getPolicy(db, vaultId, policyId)]);
  if (!vault || !policy) return Response.json({ error: { code: "ResourceNotFound", message: "The policy was not found." } }, { status: 404 });
  const id = `/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}/backupPolicies/${policy.name}`;
  return new Response(`${JSON.stringify(exportAzurePolicy({ ...policy, id }), null, 2)}\n`, {
    headers: { "Content-Type": "application/json", "Content-Disposition": `attachment; filename="${policy.name}.json"` },
  });
}
