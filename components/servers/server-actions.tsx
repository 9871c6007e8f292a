"use client";

import { useState } from "react";
import { ConfirmByNameDialog } from "@/components/forms/confirm-by-name-dialog";
import { useDisabledReason } from "@/components/forms/disabled-reason";
import { useNotify } from "@/components/portal/notifications";
import type { FormAction } from "@/components/forms/action-state";
import type { Exclusions } from "@/lib/domain/agent/exclusions";
import { describeThrottling, type Throttling } from "@/lib/domain/agent/throttling";
import { counted } from "@/lib/domain/format/count";
import { ExclusionSettingsPanel } from "./exclusion-settings-panel";
import { NetworkThrottlingPanel } from "./network-throttling-panel";

const rowLinkClass =
  "text-left text-primary hover:underline disabled:cursor-not-allowed disabled:text-text-disabled disabled:no-underline";

/**
 * A server's network throttling in words; it opens the Network throttling panel, as the Azure
 * portal's values open their pane. `denied`: why the user's role can't change it (plain text then).
 */
/** A registered server's settings and Delete, as the page passes them down. */
export type ServerSettingsActions = {
  updateThrottling: Parameters<typeof NetworkThrottlingPanel>[0]["updateThrottling"];
  updateExclusions: Parameters<typeof ExclusionSettingsPanel>[0]["updateExclusions"];
  deleteServer: FormAction;
};

export function ServerThrottling({
  actions,
  vaultId,
  serverId,
  serverName,
  throttling,
  denied,
}: {
  actions: ServerSettingsActions;
  vaultId: string;
  serverId: string;
  serverName: string;
  throttling: Throttling | null;
  denied: string | null;
}) {
  const [open, setOpen] = useState(false);
  const description = describeThrottling(throttling);
  if (denied) return <span title={denied}>{description}</span>;
  return (
    <>
      <button type="button" className={rowLinkClass} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <span className="sr-only">Network throttling: </span>
        {description}
      </button>
      <NetworkThrottlingPanel
        open={open}
        onOpenChange={setOpen}
        vaultId={vaultId}
        serverId={serverId}
        serverName={serverName}
        current={throttling}
        updateThrottling={actions.updateThrottling}
      />
    </>
  );
}

/**
 * A server's exclusion settings in a few words; it opens the Exclusion settings panel, for every
 * role: those that can't change them (`denied`, why) see them there.
 */
export function ServerExclusions({
  actions,
  vaultId,
  serverId,
  serverName,
  exclusions,
  description,
  denied,
}: {
  actions: ServerSettingsActions;
  vaultId: string;
  serverId: string;
  serverName: string;
  exclusions: Exclusions;
  description: string;
  denied: string | null;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={rowLinkClass} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <span className="sr-only">Exclusion settings: </span>
        {/* "1 folder, 2 file types" wraps between its counts, not inside one. */}
        {description.split(", ").map((part, index) => (
          <span key={part}>
            {index > 0 ? ", " : null}
            <span className="whitespace-nowrap">{part}</span>
          </span>
        ))}
      </button>
      <ExclusionSettingsPanel
        open={open}
        onOpenChange={setOpen}
        vaultId={vaultId}
        serverId={serverId}
        serverName={serverName}
        current={exclusions}
        denied={denied}
        updateExclusions={actions.updateExclusions}
      />
    </>
  );
}

/** Delete, with the server's name typed to confirm, after saying what goes with it. */
export function DeleteServer({
  actions,
  vaultId,
  server,
  denied,
}: {
  actions: ServerSettingsActions;
  vaultId: string;
  server: { id: string; name: string; storageUsed: string; backupItems: number };
  denied: string | null;
}) {
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const reason = useDisabledReason(denied);
  return (
    <>
      <span title={denied ?? undefined}>
        <button
          type="button"
          className={rowLinkClass}
          disabled={denied !== null}
          aria-describedby={reason.describedBy}
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
        >
          Delete
        </button>
        {reason.reasonText}
      </span>
      <ConfirmByNameDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${server.name}`}
        description={
          <>
            <p>
              Deleting the server can&apos;t be undone. Its registration and folders are removed, its agent is refused
              at once (it must register again with new vault credentials), and its repository in the vault&apos;s
              storage is deleted: <strong>{server.storageUsed}</strong>.
            </p>
            {server.backupItems > 0 ? (
              <p className="mt-2">
                It has {counted(server.backupItems, "backup item")}, soft-deleted ones included: stop protection and
                delete their backup data first, and wait for their purge.
              </p>
            ) : null}
          </>
        }
        resourceName={server.name}
        confirmLabel="Delete"
        action={async (previous, formData) => {
          const state = await actions.deleteServer(previous, formData);
          // Told here, not on success: the refreshed list no longer has this row to tell it.
          if (state.ok) notify({ title: `Delete ${server.name}`, message: state.message ?? "", tone: "success" });
          return state;
        }}
        hiddenFields={{ vaultId, serverId: server.id }}
        onSuccess={() => setOpen(false)}
      />
    </>
  );
}
