import Link from "next/link";
import { JobStatusLabel, StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, Row, sortableHeaders } from "@/components/portal/table";
import type { ServerSortColumn } from "@/lib/domain/agent/protected-servers";
import type { Exclusions } from "@/lib/domain/agent/exclusions";
import type { Throttling } from "@/lib/domain/agent/throttling";
import type { JobStatus } from "@/lib/domain/jobs/display";
import type { Sort } from "@/lib/domain/sorting";
import { DeleteServer, ServerExclusions, type ServerSettingsActions, ServerThrottling } from "./server-actions";

/** A protected server as the blade shows it: times and sizes formatted for the viewer. */
export type ProtectedServerRow = {
  id: string;
  name: string;
  osType: string;
  agentVersion: string;
  status: "Online" | "Offline";
  lastContact: string | null;
  items: number;
  softDeletedItems: number;
  storageUsed: string;
  lastIntegrityCheck: { href: string; status: JobStatus; ended: string | null } | null;
  registered: string | null;
  throttling: Throttling | null;
  exclusions: Exclusions;
  exclusionsDescription: string;
};

const COLUMNS: Array<{ label: string; column?: ServerSortColumn }> = [
  { label: "Name", column: "name" },
  { label: "Status", column: "status" },
  { label: "Agent version", column: "agent" },
  { label: "Items" },
  { label: "Storage used" },
  { label: "Last integrity check" },
  { label: "Network throttling" },
  { label: "Exclusion settings" },
  { label: "Registered", column: "registered" },
  { label: "" },
];
const secondary = "block text-[12px] text-text-secondary";

/** "11/28/2026, 10:05 AM GMT+1" breaking only between the date and the time, so a narrow column shows it on two lines. */
function dateTimeLines(formatted: string): string {
  return formatted.replace(/ /g, "\u00a0").replace(",\u00a0", ", ");
}

/** `denied`: why the user can't change the vault's settings (throttling, delete); `exclusionsDenied`: why not the exclusions (configuring backup). */
export function ProtectedServersTable({
  actions,
  vaultId,
  servers,
  denied,
  exclusionsDenied,
  sorting,
}: {
  actions: ServerSettingsActions;
  vaultId: string;
  servers: ProtectedServerRow[];
  denied: string | null;
  exclusionsDenied: string | null;
  /** How the list is sorted, and where a header's sort goes. */
  sorting: { sort: Sort<ServerSortColumn>; hrefFor: (sortParameter: string) => string };
}) {
  return (
    // Headers may wrap: ten columns fit the blade beside the vault's menu.
    <DataTable
      label="Protected servers"
      headers={sortableHeaders(COLUMNS, sorting.sort, sorting.hrefFor).map((header, index) =>
        typeof header === "string" ? (
          <span key={index} className="whitespace-normal">
            {header}
          </span>
        ) : (
          header
        ),
      )}
    >
      {servers.map((server) => (
        <Row key={server.id}>
          <Cell className="whitespace-nowrap">
            <span className="font-semibold">{server.name}</span>
            <span className={secondary}>{server.osType}</span>
          </Cell>
          <Cell>
            <StatusLabel tone={server.status === "Online" ? "success" : "error"} label={server.status} />
            <span className={secondary}>
              {server.lastContact ? `Last contact ${dateTimeLines(server.lastContact)}` : "No contact yet"}
            </span>
          </Cell>
          <Cell className="whitespace-nowrap">{server.agentVersion}</Cell>
          <Cell>
            {server.items}
            {server.softDeletedItems > 0 ? (
              <span className={secondary}>{server.softDeletedItems} soft-deleted</span>
            ) : null}
          </Cell>
          <Cell className="whitespace-nowrap">{server.storageUsed}</Cell>
          <Cell>
            {server.lastIntegrityCheck ? (
              <Link href={server.lastIntegrityCheck.href} className="hover:underline">
                <JobStatusLabel status={server.lastIntegrityCheck.status} />
                {server.lastIntegrityCheck.ended ? (
                  <span className={secondary}>{dateTimeLines(server.lastIntegrityCheck.ended)}</span>
                ) : null}
              </Link>
            ) : (
              <span className="text-text-secondary">None yet</span>
            )}
          </Cell>
          <Cell className="text-[12px]">
            <ServerThrottling
              actions={actions}
              vaultId={vaultId}
              serverId={server.id}
              serverName={server.name}
              throttling={server.throttling}
              denied={denied}
            />
          </Cell>
          <Cell className="text-[12px]">
            <ServerExclusions
              actions={actions}
              vaultId={vaultId}
              serverId={server.id}
              serverName={server.name}
              exclusions={server.exclusions}
              description={server.exclusionsDescription}
              denied={exclusionsDenied}
            />
          </Cell>
          <Cell>{server.registered ? dateTimeLines(server.registered) : null}</Cell>
          <Cell>
            <DeleteServer
              actions={actions}
              vaultId={vaultId}
              server={{
                id: server.id,
                name: server.name,
                storageUsed: server.storageUsed,
                backupItems: server.items + server.softDeletedItems,
              }}
              denied={denied}
            />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
