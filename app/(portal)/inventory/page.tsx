import { requireActor } from "@/lib/server/auth/session";
import Link from "next/link";
import { AddFolderPanel, AddServerPanel, AddVirtualMachinePanel } from "@/components/inventory/inventory-forms";
import {
  RegisterServerAction,
  RemoveServerAction,
  VirtualMachineActions,
} from "@/components/inventory/inventory-row-actions";
import { ServerIcon, VmIcon } from "@/components/icons";
import { Blade, Section } from "@/components/portal/blade";
import { CommandBar } from "@/components/portal/command-bar";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row, sortableHeaders } from "@/components/portal/table";
import { denial } from "@/lib/domain/access/permissions";
import { regionLabel } from "@/lib/domain/azure/resources";
import { formatDateTime } from "@/lib/domain/format/time";
import { sortOf } from "@/lib/domain/sorting";
import { getDb } from "@/lib/server/db";
import { DEMO_SUBSCRIPTION_ID } from "@/lib/server/seed/demo-estate";
import { DEFAULT_VM_SORT, listInventory, VM_SORT_COLUMNS } from "@/lib/server/services/inventory";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import {
  addFolderAction,
  addServerAction,
  addVirtualMachineAction,
  markVirtualMachineDeletedAction,
  registerServerAction,
  removeServerAction,
  removeVirtualMachineAction,
} from "./actions";
import { queryOf, type SearchParams } from "../search-params";

export const metadata = { title: "Inventory" };

export default async function InventoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const denied = denial({ isOwner: actor.isOwner, role: null }, "manageInventory");
  const vmSort = sortOf((await queryOf(searchParams)).sort, VM_SORT_COLUMNS, DEFAULT_VM_SORT);
  const { virtualMachines, servers, vaults } = await listInventory(getDb(), actor, vmSort);
  const timeZone = await viewerTimeZone();
  return (
    <Blade
      crumbs={[{ label: "Home", href: "/" }, { label: "Inventory" }]}
      title="Inventory"
      subtitle="The Azure virtual machines and on-premises servers this portal simulates"
      icon={<VmIcon />}
      commands={
        denied ? (
          <p className="px-2 py-2 text-[12px] text-text-secondary">{denied}</p>
        ) : (
          <CommandBar>
            <AddVirtualMachinePanel
              add={addVirtualMachineAction}
              subscriptionId={virtualMachines[0]?.subscriptionId ?? DEMO_SUBSCRIPTION_ID}
            />
            <AddServerPanel add={addServerAction} />
          </CommandBar>
        )
      }
    >
      <Section title="Virtual machines">
        {virtualMachines.length === 0 ? (
          <EmptyState title="No virtual machines">
            {denied
              ? "None that you can see: you see the VMs your vaults protect, and, as a Backup Operator or Contributor, those no vault protects."
              : "Add one to protect it."}
          </EmptyState>
        ) : (
          <DataTable
            label="Virtual machines"
            headers={sortableHeaders(
              [
                { label: "Name", column: "name" },
                { label: "Resource group", column: "group" },
                { label: "Region", column: "region" },
                { label: "OS", column: "os" },
                { label: "Disk size", column: "size" },
                { label: "Backup" },
                { label: "State", column: "state" },
                { label: "" },
              ],
              vmSort,
              (sortParameter) => `/inventory?sort=${sortParameter}`,
            )}
          >
            {virtualMachines.map((vm) => {
              const item = vm.protectedItems[0];
              return (
                <Row key={vm.id}>
                  <Cell>{vm.name}</Cell>
                  <Cell>{vm.resourceGroup}</Cell>
                  <Cell>{regionLabel(vm.location)}</Cell>
                  <Cell>{vm.osType}</Cell>
                  <Cell>{vm.sizeGb} GB</Cell>
                  <Cell>
                    {item ? (
                      <Link
                        href={`/vaults/${item.vault.id}/items/${item.backupManagementType}/${item.id}`}
                        className="text-primary hover:underline"
                      >
                        {item.vault.name}
                        {item.deletedAt ? " (soft-deleted)" : ""}
                      </Link>
                    ) : (
                      <span className="text-text-secondary">Not protected</span>
                    )}
                  </Cell>
                  <Cell>
                    {vm.deletedAt ? (
                      <StatusLabel tone="error" label={`Deleted ${formatDateTime(vm.deletedAt, timeZone)}`} />
                    ) : (
                      <StatusLabel tone="success" label="Running" />
                    )}
                  </Cell>
                  <Cell>
                    {denied ? null : (
                      <VirtualMachineActions
                        remove={removeVirtualMachineAction}
                        markDeleted={markVirtualMachineDeletedAction}
                        id={vm.id}
                        name={vm.name}
                        deleted={vm.deletedAt !== null}
                        hasBackupItem={Boolean(item)}
                      />
                    )}
                  </Cell>
                </Row>
              );
            })}
          </DataTable>
        )}
      </Section>
      <Section title="Backup Agent servers">
        {servers.length === 0 ? (
          <EmptyState title="No servers">
            {denied
              ? "None that you can see: you see the servers registered to your vaults, and, as a Backup Operator or Contributor, those registered to none."
              : "Add a server, register it to a vault, and add its folders."}
          </EmptyState>
        ) : (
          <div className="space-y-4">
            {servers.map((server) => (
              <div key={server.id} className="rounded-sm border border-border">
                <div className="flex flex-wrap items-center gap-3 border-b border-divider bg-surface-alt px-3 py-2">
                  <ServerIcon />
                  <span className="font-semibold">{server.name}</span>
                  <span className="text-text-secondary">{server.osType}</span>
                  <span className="ml-auto">
                    {server.vault ? (
                      <>
                        Registered to{" "}
                        <Link href={`/vaults/${server.vault.id}`} className="text-primary hover:underline">
                          {server.vault.name}
                        </Link>
                      </>
                    ) : (
                      <span className="flex items-center gap-2">
                        <span className="text-text-secondary">Not registered</span>
                        {denied ? null : (
                          <RegisterServerAction
                            register={registerServerAction}
                            serverId={server.id}
                            serverName={server.name}
                            vaults={vaults}
                          />
                        )}
                      </span>
                    )}
                  </span>
                  {denied ? null : (
                    <>
                      <AddFolderPanel add={addFolderAction} serverId={server.id} serverName={server.name} />
                      <RemoveServerAction remove={removeServerAction} id={server.id} name={server.name} />
                    </>
                  )}
                </div>
                {server.folders.length === 0 ? (
                  <p className="px-3 py-2 text-text-secondary">No folders yet.</p>
                ) : (
                  <DataTable label={`Folders on ${server.name}`} headers={["Path", "Size", "Daily change", "Backup"]}>
                    {server.folders.map((folder) => (
                      <Row key={folder.id}>
                        <Cell>{folder.path}</Cell>
                        <Cell>{folder.sizeGb} GB</Cell>
                        <Cell>{folder.dailyChangeRatePercent} %</Cell>
                        <Cell>
                          {folder.protectedItems[0] ? (
                            folder.protectedItems[0].vault.name
                          ) : (
                            <span className="text-text-secondary">Not protected</span>
                          )}
                        </Cell>
                      </Row>
                    ))}
                  </DataTable>
                )}
              </div>
            ))}
          </div>
        )}
      </Section>
    </Blade>
  );
}
