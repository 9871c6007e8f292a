import { ActivityLog } from "@/components/activity/activity-log";
import { ActivityLogIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { activityFiltersSchema } from "@/lib/schemas/activity";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { listActivity } from "@/lib/server/services/activity-log";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";

export const metadata = { title: "Activity log" };

/** The portal-wide log: everything for the Owner, the vaults they have a role on for others. */
export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActor();
  const filters = activityFiltersSchema.parse(await searchParams);
  const result = await listActivity(getDb(), actor, null, filters, new Date());
  return (
    <Blade
      crumbs={[{ label: "Home", href: "/" }, { label: "Activity log" }]}
      title="Activity log"
      subtitle="Every change in the portal, and every refused attempt"
      icon={<ActivityLogIcon />}
    >
      <ActivityLog result={result} filters={filters} basePath="/activity" timeZone={await viewerTimeZone()} showVault />
    </Blade>
  );
}
