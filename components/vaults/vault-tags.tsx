"use client";

import { useState } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { DeleteIcon } from "@/components/icons";
import { inputClass, secondaryButtonClass } from "@/components/forms/field";
import { useDisabledReason } from "@/components/forms/disabled-reason";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import type { TagMap } from "@/lib/domain/azure/tags";

type TagRow = { name: string; value: string };

const rowsOf = (tags: TagMap): TagRow[] => [
  ...Object.entries(tags).map(([name, value]) => ({ name, value })),
  { name: "", value: "" },
];

/** Essentials' Tags row, as Azure's: the tags as name : value, and "edit" for a panel of name-value rows. */
export function VaultTags({
  vaultId,
  vaultName,
  tags,
  denied,
  update,
}: {
  vaultId: string;
  vaultName: string;
  tags: TagMap;
  denied: string | null;
  update: (input: { vaultId: string; tags: TagMap }) => Promise<ActionState>;
}) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<TagRow[]>(() => rowsOf(tags));
  const action = usePanelAction(`Tags (${vaultName})`, () => setOpen(false));
  const reason = useDisabledReason(denied);
  const entries = Object.entries(tags);
  const set = (index: number, field: keyof TagRow, value: string) =>
    setRows((current) => {
      const next = current.map((row, at) => (at === index ? { ...row, [field]: value } : row));
      // A blank row stays at the end to add the next tag.
      return next.at(-1)?.name || next.at(-1)?.value ? [...next, { name: "", value: "" }] : next;
    });
  const errors = Object.values(action.state?.fieldErrors ?? {}).flat();
  return (
    <div className="grid grid-cols-[180px_1fr] gap-2">
      <span className="text-text-secondary">
        Tags (
        <span title={denied ?? undefined}>
          <button
            type="button"
            className="text-primary hover:underline disabled:text-text-disabled disabled:no-underline"
            disabled={denied !== null}
            aria-describedby={reason.describedBy}
            onClick={() => {
              setRows(rowsOf(tags));
              setOpen(true);
            }}
          >
            edit
          </button>
          {reason.reasonText}
        </span>
        )
      </span>
      <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
        {entries.length === 0 ? (
          <li className="text-text-secondary">No tags</li>
        ) : (
          entries.map(([name, value]) => (
            <li key={name} className="rounded-sm bg-surface-muted px-2 text-[12px] leading-6">
              {name} : {value}
            </li>
          ))
        )}
      </ul>
      <ActionPanel
        open={open}
        onOpenChange={setOpen}
        title="Edit tags"
        description="Tags are name-value pairs that categorize resources (at most 50; names without < > % & \ ? /)."
        action={action}
        submitLabel="Save"
        busyLabel="Saving…"
        onSubmit={() =>
          action.run(() =>
            update({
              vaultId,
              tags: Object.fromEntries(
                rows.filter((row) => row.name.trim() !== "").map((row) => [row.name.trim(), row.value]),
              ),
            }),
          )
        }
      >
        <table className="w-full text-[13px]">
          <thead>
            <tr className="text-left text-[12px]">
              <th className="pb-1 font-semibold">Name</th>
              <th className="pb-1 font-semibold">Value</th>
              <th className="sr-only">Remove</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td className="pb-1 pr-2">
                  <input
                    aria-label={`Tag name ${index + 1}`}
                    value={row.name}
                    onChange={(event) => set(index, "name", event.target.value)}
                    className={`${inputClass} w-full`}
                  />
                </td>
                <td className="pb-1 pr-2">
                  <input
                    aria-label={`Tag value ${index + 1}`}
                    value={row.value}
                    onChange={(event) => set(index, "value", event.target.value)}
                    className={`${inputClass} w-full`}
                  />
                </td>
                <td className="pb-1">
                  {index < rows.length - 1 ? (
                    <button
                      type="button"
                      aria-label={`Remove tag ${row.name || index + 1}`}
                      className={secondaryButtonClass}
                      onClick={() => setRows((current) => current.filter((_, at) => at !== index))}
                    >
                      <DeleteIcon />
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {errors.length > 0 ? (
          <ul role="alert" className="mt-2 text-[12px] text-error">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        ) : (
          <ActionMessage state={action.state} />
        )}
      </ActionPanel>
    </div>
  );
}
