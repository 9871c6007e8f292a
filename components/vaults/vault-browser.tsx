"use client";

import Link from "next/link";
import { useMemo, useState, useTransition } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { inputClass } from "@/components/forms/field";
import { PinIcon, SearchIcon, VaultIcon } from "@/components/icons";
import { Cell, DataTable, EmptyState, Row, type SortableHeader } from "@/components/portal/table";

export type VaultRow = {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  locationLabel: string;
  subscriptionId: string;
  itemCount: number;
  pinned: boolean;
};

/** The browse list (sorted by the server, as `headers` say), filtered as you type, with Pin to dashboard on every row. */
export function VaultBrowser({
  vaults,
  headers,
  setPinned,
}: {
  vaults: VaultRow[];
  headers: Array<string | SortableHeader>;
  setPinned: (vaultId: string, pinned: boolean) => Promise<ActionState>;
}) {
  const [filter, setFilter] = useState("");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const visible = useMemo(() => {
    const term = filter.trim().toLowerCase();
    if (!term) return vaults;
    return vaults.filter((vault) =>
      [vault.name, vault.resourceGroup, vault.location, vault.locationLabel, vault.subscriptionId].some((value) =>
        value.toLowerCase().includes(term),
      ),
    );
  }, [filter, vaults]);

  return (
    <div>
      <div className="mb-3 flex items-center gap-3">
        <label className="relative w-80">
          <span className="sr-only">Filter vaults</span>
          <SearchIcon className="absolute left-2 top-2 text-text-secondary" />
          <input
            className={`${inputClass} w-full pl-7`}
            placeholder="Filter for any field..."
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </label>
        <span className="text-[12px] text-text-secondary" aria-live="polite">
          Showing {visible.length} of {vaults.length} records.
        </span>
        {message ? (
          <span role="status" className="text-[12px] text-success">
            {message}
          </span>
        ) : null}
      </div>
      {vaults.length === 0 ? (
        <EmptyState title="No Recovery Services vaults to display">
          Create a vault to start protecting virtual machines and files with <strong>+ Create</strong>.
        </EmptyState>
      ) : visible.length === 0 ? (
        <EmptyState title="No vaults match the filter">Change or clear the filter.</EmptyState>
      ) : (
        <DataTable label="Recovery Services vaults" headers={headers}>
          {visible.map((vault) => (
            <Row key={vault.id}>
              <Cell>
                <Link
                  href={`/vaults/${vault.id}`}
                  className="inline-flex items-center gap-2 text-primary hover:underline"
                >
                  <VaultIcon />
                  {vault.name}
                </Link>
              </Cell>
              <Cell>{vault.resourceGroup}</Cell>
              <Cell>{vault.locationLabel}</Cell>
              <Cell className="font-mono text-[12px]">{vault.subscriptionId}</Cell>
              <Cell>{vault.itemCount}</Cell>
              <Cell className="text-right">
                <button
                  type="button"
                  disabled={pending}
                  aria-label={`${vault.pinned ? "Unpin" : "Pin"} ${vault.name} ${vault.pinned ? "from" : "to"} dashboard`}
                  aria-pressed={vault.pinned}
                  className="inline-flex items-center gap-1 rounded-sm px-2 py-1 text-[12px] hover:bg-primary-light disabled:text-text-disabled"
                  onClick={() =>
                    startTransition(async () => {
                      const result = await setPinned(vault.id, !vault.pinned);
                      setMessage(result.message);
                    })
                  }
                >
                  <PinIcon className={vault.pinned ? "text-primary" : "text-text-secondary"} />
                  {vault.pinned ? "Unpin from dashboard" : "Pin to dashboard"}
                </button>
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </div>
  );
}
