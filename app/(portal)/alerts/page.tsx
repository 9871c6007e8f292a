import { AlertsList } from "@/components/alerts/alerts-list";
import { AlertIcon, RefreshIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { CommandBar, CommandLink } from "@/components/portal/command-bar";
import { alertFiltersSchema } from "@/lib/schemas/alert-state";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/result";
import { listAlerts } from "@/lib/server/services/alerts";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { queryOf, type SearchParams } from "../search-params";

export const metadata = { title: "Alerts" };

/** Backup center → Alerts: every vault's alerts the user can see (all for the Owner), one table. */
export default async function BackupCenterAlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const query = await queryOf(searchParams);
  const parsed = alertFiltersSchema.safeParse(query);
  const result = parsed.success
    ? await listAlerts(getDb(), actor, { ...parsed.data, vaultId: null }, new Date())
    : null;
  const refresh = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return (
    <Blade
      crumbs={[{ label: "Home", href: "/" }, { label: "Backup center" }, { label: "Alerts" }]}
      title="Alerts"
      subtitle="Backup center · every vault you can see"
      icon={<AlertIcon />}
      commands={
        <CommandBar>
          <CommandLink href={refresh ? `/alerts?${refresh}` : "/alerts"} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
        </CommandBar>
      }
    >
      <AlertsList
        result={result}
        query={query}
        basePath="/alerts"
        showVault
        timeZone={await viewerTimeZone()}
        errors={parsed.success ? {} : fieldErrorsOf(parsed.error)}
      />
    </Blade>
  );
}
