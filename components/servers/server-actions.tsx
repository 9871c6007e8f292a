"use client";

import { useState } from "react";
import { ConfirmByNameDialog } from "@/components/forms/confirm-by-name-dialog";
import { useNotify } from "@/components/portal/notifications";
import { deleteServerAction } from "@/app/(portal)/vaults/[vaultId]/servers/actions";
import type { Throttling } from "@/lib/domain/agent/throttling";
import { NetworkThrottlingPanel } from "./network-throttling-panel";

export type ServerActionsProps = {
  vaultId: string;
  server: { id: string; name: string; storageUsed: string; backupItems: number; throttling: Throttling | null };
  /** Why the user's role can't change the server: the links show disabled, with the reason. */
  denied: string | null;
};

const rowLinkClass = "text-primary hover:underline disabled:cursor-not-allowed disabled:text-text-disabled disabled:no-underline";

/** A protected server's row links: Network throttling and Delete, each in its side panel. */
export function ServerActions({ vaultId, server, denied }: ServerActionsProps) {
  const [open, setOpen] = useState<"throttling" | "delete" | null>(null);
  const notify = useNotify();
  const panel = (which: "throttling" | "delete") => ({ open: open === which, onOpenChange: (next: boolean) => setOpen(next ? which : null) });
  const link = (which: "throttling" | "delete", label: string) => (
    <span title={denied ?? undefined}>
      <button type="button" className={rowLinkClass} disabled={denied !== null} aria-description={denied ?? undefined} onClick={() => setOpen(which)}>
        {label}
      </button>
    </span>
  );
  return (
    <span className="flex gap-4 whitespace-nowrap">
      {link("throttling", "Network throttling")}
      {link("delete", "Delete")}
      <NetworkThrottlingPanel {...panel("throttling")} vaultId={vaultId} serverId={server.id} serverName={server.name} current={server.throttling} />
      <ConfirmByNameDialog
        {...panel("delete")}
        title={`Delete ${server.name}`}
        description={
          <>
            <p>
              Deleting the server can&apos;t be undone. Its registration and folders are removed, its agent is refused at once (it must register again with new vault credentials), and its repository in the
              vault&apos;s storage is deleted: <strong>{server.storageUsed}</strong>.
            </p>
            {server.backupItems > 0 ? (
              <p className="mt-2">
                It has {server.backupItems} backup item{server.backupItems === 1 ? "" : "s"}, soft-deleted ones included: stop protection and delete their backup data first, and wait for their purge.
              </p>
            ) : null}
          </>
        }
        resourceName={server.name}
        confirmLabel="Delete"
        action={deleteServerAction}
        hiddenFields={{ vaultId, serverId: server.id }}
        onSuccess={(state) => {
          notify({ title: `Delete ${server.name}`, message: state.message ?? "", tone: "success" });
          setOpen(null);
        }}
      />
    </span>
  );
}
