import Link from "next/link";
import { RefreshIcon, ServerIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { CommandBar, CommandLink } from "@/components/portal/command-bar";
import { EmptyState } from "@/components/portal/table";
import { type ProtectedServerRow, ProtectedServersTable } from "@/components/servers/protected-servers-table";
import type { ServerSettingsActions } from "@/components/servers/server-actions";
import { denial } from "@/lib/domain/access/permissions";
import { DEFAULT_SERVER_SORT, SERVER_SORT_COLUMNS } from "@/lib/domain/agent/protected-servers";
import { formatDateTime } from "@/lib/domain/format/time";
import { formatBytes } from "@/lib/domain/jobs/display";
import { sortOf, sortParam } from "@/lib/domain/sorting";
import { listProtectedServers } from "@/lib/server/agents/servers";
import { getDb } from "@/lib/server/db";
import { getVaultStorage } from "@/lib/server/vault-storage/storage";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import { queryOf, type SearchParams } from "../../../search-params";
import { deleteServerAction, updateExclusionsAction, updateThrottlingAction } from "./actions";

/** What a server's settings and Delete run. */
const SERVER_SETTINGS_ACTIONS: ServerSettingsActions = {
  updateThrottling: updateThrottlingAction,
  updateExclusions: updateExclusionsAction,
  deleteServer: deleteServerAction,
};

export const generateMetadata = vaultBladeTitle("Protected Servers");

const AGENT_COMMANDS = [
  "npm run agent -- register --vault-credentials FILE \\",
  "    --passphrase-file FILE",
  "npm run agent -- run",
].join("\n");

export default async function ProtectedServersPage({
  params,
  searchParams,
}: {
  params: Promise<{ vaultId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const vault = await loadVault((await params).vaultId);
  const query = await queryOf(searchParams);
  const sort = sortOf(query.sort, SERVER_SORT_COLUMNS, DEFAULT_SERVER_SORT);
  const [servers, timeZone] = await Promise.all([
    listProtectedServers(getDb(), vault.id, getVaultStorage(), new Date(), sort),
    viewerTimeZone(),
  ]);
  const time = (instant: Date | null) => (instant ? formatDateTime(instant, timeZone) : null);
  const rows: ProtectedServerRow[] = servers.map((server) => ({
    id: server.id,
    name: server.name,
    osType: server.osType,
    agentVersion: server.agentVersion,
    status: server.status,
    lastContact: time(server.lastContactAt),
    items: server.items,
    softDeletedItems: server.softDeletedItems,
    storageUsed: formatBytes(server.storageUsedBytes),
    lastIntegrityCheck: server.lastIntegrityCheck && {
      href: `/vaults/${vault.id}/jobs/${server.lastIntegrityCheck.jobId}`,
      status: server.lastIntegrityCheck.status,
      ended: time(server.lastIntegrityCheck.endTime),
    },
    registered: time(server.registeredAt),
    throttling: server.throttling,
    exclusions: server.exclusions,
    exclusionsDescription: server.exclusionsDescription,
  }));
  const base = `/vaults/${vault.id}`;
  const listHref = (sortParameter: string | undefined) =>
    sortParameter ? `${base}/servers?sort=${sortParameter}` : `${base}/servers`;
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Protected Servers" }]}
      title="Protected Servers"
      subtitle="Azure Backup Agent"
      icon={<ServerIcon />}
      commands={
        <CommandBar>
          <CommandLink href={listHref(query.sort && sortParam(sort))} icon={<RefreshIcon />}>
            Refresh
          </CommandLink>
        </CommandBar>
      }
    >
      {rows.length === 0 ? (
        <EmptyState title="No servers registered by a Backup Agent">
          <p>
            Download vault credentials on{" "}
            <Link href={`${base}/properties`} className="text-primary hover:underline">
              Properties → Backup credentials
            </Link>
            , then register the server with its agent and keep the agent running:
          </p>
          <pre className="mt-2 text-left font-mono text-[12px]">{AGENT_COMMANDS}</pre>
        </EmptyState>
      ) : (
        <ProtectedServersTable
          actions={SERVER_SETTINGS_ACTIONS}
          vaultId={vault.id}
          servers={rows}
          denied={denial(vault.grant, "vaultSettings")}
          exclusionsDenied={denial(vault.grant, "configureBackup")}
          sorting={{ sort, hrefFor: listHref }}
        />
      )}
    </Blade>
  );
}
