import { AlertsList } from "@/components/alerts/alerts-list";
import { AlertIcon, RefreshIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { CommandBar, CommandLink } from "@/components/portal/command-bar";
import { alertFiltersSchema } from "@/lib/schemas/alert-state";
import { getDb } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/result";
import { listAlerts } from "@/lib/server/services/alerts";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { queryOf, type SearchParams } from "../../../search-params";

export const generateMetadata = vaultBladeTitle("Alerts");

/** Vault → Monitoring → Alerts: the vault's backup alerts, filtered, most recent first. */
export default async function VaultAlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const vault = await loadVault((await params).vaultId);
  const query = await queryOf(searchParams);
  const parsed = alertFiltersSchema.safeParse(query);
  const result = parsed.success
    ? await listAlerts(getDb(), vault.actor, { ...parsed.data, vaultId: vault.id }, new Date())
    : null;
  const base = `/vaults/${vault.id}/alerts`;
  const refresh = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Alerts" }]}
      title="Alerts"
      subtitle={vault.name}
      icon={<AlertIcon />}
      commands={
        <CommandBar>
          <CommandLink href={refresh ? `${base}?${refresh}` : base} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
        </CommandBar>
      }
    >
      <AlertsList
        result={result}
        query={query}
        basePath={base}
        timeZone={await viewerTimeZone()}
        errors={parsed.success ? {} : fieldErrorsOf(parsed.error)}
      />
    </Blade>
  );
}
