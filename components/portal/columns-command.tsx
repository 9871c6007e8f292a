"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { primaryButtonClass } from "@/components/forms/field";
import { ColumnsIcon } from "@/components/icons";
import { columnsParam } from "@/lib/domain/columns";
import { listHref } from "@/lib/domain/list-address";
import { commandClass } from "./command-bar";
import { CloseButton, SidePanel } from "./side-panel";

/**
 * A list's Columns command: a pane of its columns to tick, as Azure's. Apply puts the choice in the
 * address (?columns=), as the list's filters and sort, so Refresh, a link and Back keep it.
 */
export function ColumnsCommand({
  base,
  query,
  columns,
  shown,
  required = [],
}: {
  base: string;
  /** The address's parameters but the page. */
  query: Record<string, string>;
  /** Every column of the list: its name in the address and its header. */
  columns: Array<[name: string, label: string]>;
  shown: readonly string[];
  /** The columns the list always shows. */
  required?: readonly string[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <SidePanel
      open={open}
      onOpenChange={setOpen}
      title="Columns"
      description="Choose the columns the list shows."
      trigger={
        <button type="button" className={commandClass}>
          <ColumnsIcon />
          Columns
        </button>
      }
      footer={
        <>
          <button type="submit" form={formId} className={primaryButtonClass}>
            Apply
          </button>
          <CloseButton />
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          const ticked = new FormData(event.currentTarget).getAll("columns").map(String);
          const param = columnsParam(
            ticked,
            columns.map(([name]) => name),
            required,
          );
          router.push(listHref(base, query, { columns: param }), { scroll: false });
          setOpen(false);
        }}
      >
        <fieldset>
          <legend className="sr-only">Columns</legend>
          {columns.map(([name, label]) => (
            <label key={name} className="flex items-center gap-2 py-1.5">
              <input
                type="checkbox"
                name="columns"
                value={name}
                defaultChecked={shown.includes(name)}
                disabled={required.includes(name)}
                className="size-4 accent-primary"
              />
              {label}
              {required.includes(name) ? <span className="text-[12px] text-text-secondary">(always shown)</span> : null}
            </label>
          ))}
        </fieldset>
      </form>
    </SidePanel>
  );
}
