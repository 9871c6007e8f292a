import { ActivityLog } from "@/components/activity/activity-log";
import { ActivityLogIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { activityFiltersSchema } from "@/lib/schemas/activity";
import { getDb } from "@/lib/server/db";
import { listActivity } from "@/lib/server/services/activity-log";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";

export const generateMetadata = vaultBladeTitle("Activity log");

export default async function VaultActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const vault = await loadVault((await params).vaultId);
  const filters = activityFiltersSchema.parse(await searchParams);
  const result = await listActivity(getDb(), vault.actor, vault.id, filters, new Date());
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Activity log" }]}
      title="Activity log"
      subtitle={vault.name}
      icon={<ActivityLogIcon />}
    >
      <ActivityLog
        result={result}
        filters={filters}
        basePath={`/vaults/${vault.id}/activity`}
        timeZone={await viewerTimeZone()}
        showVault={false}
      />
    </Blade>
  );
}
