import Link from "next/link";
import { JobStatusLabel, StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, Row } from "@/components/portal/table";
import { describeThrottling, type Throttling } from "@/lib/domain/agent/throttling";
import type { JobStatus } from "@/lib/domain/jobs/display";
import { ServerActions } from "./server-actions";

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
};

const secondary = "block text-[12px] text-text-secondary";

export function ProtectedServersTable({ vaultId, servers, denied }: { vaultId: string; servers: ProtectedServerRow[]; denied: string | null }) {
  return (
    <DataTable label="Protected servers" headers={["Name", "Status", "Agent version", "Backup items", "Storage used", "Last integrity check", "Network throttling", "Registered", ""]}>
      {servers.map((server) => (
        <Row key={server.id}>
          <Cell>
            <span className="font-semibold">{server.name}</span>
            <span className={secondary}>{server.osType}</span>
          </Cell>
          <Cell className="whitespace-nowrap">
            <StatusLabel tone={server.status === "Online" ? "success" : "error"} label={server.status} />
            <span className={secondary}>{server.lastContact ? `Last contact ${server.lastContact}` : "No contact yet"}</span>
          </Cell>
          <Cell>{server.agentVersion}</Cell>
          <Cell className="whitespace-nowrap">
            {server.items}
            {server.softDeletedItems > 0 ? <span className={secondary}>{server.softDeletedItems} soft-deleted</span> : null}
          </Cell>
          <Cell className="whitespace-nowrap">{server.storageUsed}</Cell>
          <Cell className="whitespace-nowrap">
            {server.lastIntegrityCheck ? (
              <Link href={server.lastIntegrityCheck.href} className="hover:underline">
                <JobStatusLabel status={server.lastIntegrityCheck.status} />
                {server.lastIntegrityCheck.ended ? <span className={secondary}>{server.lastIntegrityCheck.ended}</span> : null}
              </Link>
            ) : (
              <span className="text-text-secondary">None yet</span>
            )}
          </Cell>
          <Cell className="min-w-48 text-[12px]">{describeThrottling(server.throttling)}</Cell>
          <Cell className="whitespace-nowrap">{server.registered}</Cell>
          <Cell>
            <ServerActions vaultId={vaultId} server={{ id: server.id, name: server.name, storageUsed: server.storageUsed, backupItems: server.items + server.softDeletedItems, throttling: server.throttling }} denied={denied} />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
