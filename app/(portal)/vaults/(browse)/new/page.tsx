import { requireActor } from "@/lib/server/auth/session";
import { Blade } from "@/components/portal/blade";
import { VaultIcon } from "@/components/icons";
import { CreateVaultForm } from "@/components/vaults/create-vault-form";
import { REGIONS } from "@/lib/domain/azure/resources";
import { getDb } from "@/lib/server/db";
import { listVaults } from "@/lib/server/services/vaults";
import { createVaultAction } from "../../actions";

export const metadata = { title: "Create Recovery Services vault" };

export default async function NewVaultPage() {
  const actor = await requireActor();
  const vaults = await listVaults(getDb(), actor);
  const subscriptions = [...new Set(vaults.map((vault) => vault.subscriptionId))];
  return (
    <Blade
      crumbs={[
        { label: "Home", href: "/" },
        { label: "Recovery Services vaults", href: "/vaults" },
        { label: "Create" },
      ]}
      title="Create Recovery Services vault"
      icon={<VaultIcon />}
    >
      <CreateVaultForm
        action={createVaultAction}
        regions={Object.entries(REGIONS).map(([value, label]) => ({ value, label }))}
        subscriptions={subscriptions}
      />
    </Blade>
  );
}
