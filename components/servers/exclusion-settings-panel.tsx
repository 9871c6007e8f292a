"use client";

import type { ServerAction } from "@/components/forms/action-state";
import type { ExclusionsInput } from "@/lib/schemas/servers";
import { useId, useRef, useState } from "react";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";
import { DeleteIcon } from "@/components/icons";
import { ActionMessage, CloseButton, SidePanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import { type Exclusions, exclusionsSchema } from "@/lib/domain/agent/exclusions";

type ListName = keyof Exclusions;

const LISTS: Record<ListName, { title: string; hint: string; addLabel: string; placeholder: string; empty: string }> = {
  folders: {
    title: "Folders",
    hint: "A folder is excluded with all its subfolders and files.",
    addLabel: "Folder to exclude",
    placeholder: "/srv/data/cache",
    empty: "No folder is excluded.",
  },
  fileTypes: {
    title: "File types",
    hint: "Files of these types are excluded in every folder, whatever the case of their names (.tmp also excludes REPORT.TMP).",
    addLabel: "File type to exclude",
    placeholder: ".tmp",
    empty: "No file type is excluded.",
  },
};

function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  return errors?.map((error) => (
    <p key={error} id={id} role="alert" className="mt-1 text-[12px] text-error">
      {error}
    </p>
  ));
}

/**
 * One list of exclusions: its entries, each removable, and a box to add one. An entry is checked as
 * it is added (a file type becomes ".tmp"); the server's refusals show next to their entry.
 */
function ExclusionList({
  name,
  entries,
  onChange,
  fieldErrors,
  readOnly,
}: {
  name: ListName;
  entries: string[];
  onChange: (entries: string[]) => void;
  fieldErrors?: Record<string, string[]>;
  readOnly: boolean;
}) {
  const list = LISTS[name];
  const id = useId();
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const remove = (entry: string) => {
    onChange(entries.filter((kept) => kept !== entry));
    // The Remove button goes with its entry: focus stays in the list's box rather than falling out of the panel.
    input.current?.focus();
  };
  const add = () => {
    // The whole list, as the server checks it: the entry's format, a repeat, the count.
    const parsed = exclusionsSchema.shape[name].safeParse([...entries, name === "folders" ? draft.trim() : draft]);
    if (!parsed.success) return setDraftError(parsed.error.issues[0].message);
    onChange(parsed.data);
    setDraft("");
    setDraftError(null);
  };
  return (
    <section aria-labelledby={`${id}-title`} className="mb-6">
      <h3 id={`${id}-title`} className="text-[14px] font-semibold">
        {list.title}
      </h3>
      <p className="mb-2 text-[12px] text-text-secondary">{list.hint}</p>
      {entries.length === 0 ? (
        <p className="mb-3 border-y border-divider py-2 text-text-secondary">{list.empty}</p>
      ) : (
        <ul aria-labelledby={`${id}-title`} className="mb-3 border-t border-divider">
          {entries.map((entry, index) => (
            <li key={entry} className="border-b border-divider py-1 pl-2">
              <span className="flex items-center gap-2">
                <span className="min-w-0 flex-1 break-all font-mono text-[12px]">{entry}</span>
                {readOnly ? null : (
                  <button
                    type="button"
                    className="rounded-sm p-1.5 text-text-secondary hover:bg-surface-muted hover:text-text"
                    aria-label={`Remove ${entry}`}
                    title="Remove"
                    onClick={() => remove(entry)}
                  >
                    <DeleteIcon />
                  </button>
                )}
              </span>
              <FieldErrors errors={fieldErrors?.[`${name}.${index}`]} />
            </li>
          ))}
        </ul>
      )}
      <FieldErrors errors={fieldErrors?.[name]} />
      {readOnly ? null : (
        <>
          <label htmlFor={`${id}-new`} className="mb-1 block font-semibold">
            {list.addLabel}
          </label>
          <span className="flex gap-2">
            <input
              ref={input}
              id={`${id}-new`}
              className={`${inputClass} min-w-0 flex-1 font-mono`}
              placeholder={list.placeholder}
              value={draft}
              onChange={(event) => {
                setDraft(event.target.value);
                setDraftError(null);
              }}
              onKeyDown={(event) => {
                if (event.key !== "Enter") return;
                event.preventDefault();
                add();
              }}
              aria-invalid={draftError ? true : undefined}
              aria-describedby={draftError ? `${id}-error` : undefined}
            />
            <button type="button" className={secondaryButtonClass} disabled={draft.trim() === ""} onClick={add}>
              Add
            </button>
          </span>
          <FieldErrors id={`${id}-error`} errors={draftError ? [draftError] : undefined} />
        </>
      )}
    </section>
  );
}

/**
 * The agent's Exclusion Settings: folders and file types left out of every backup of the server.
 * `denied`: why the user's role can't change them; they are shown, and the reason stands next to Save.
 */
export function ExclusionSettingsPanel({
  updateExclusions,
  open,
  onOpenChange,
  vaultId,
  serverId,
  serverName,
  current,
  denied,
}: {
  updateExclusions: ServerAction<ExclusionsInput>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  vaultId: string;
  serverId: string;
  serverName: string;
  current: Exclusions;
  denied: string | null;
}) {
  const [form, setForm] = useState(current);
  // A new key on each opening starts the lists' add boxes afresh.
  const [opening, setOpening] = useState(0);
  const deniedId = useId();
  const action = usePanelAction(`Exclusion settings (${serverName})`, () => onOpenChange(false));
  const change = (name: ListName) => (entries: string[]) => {
    setForm((previous) => ({ ...previous, [name]: entries }));
    // The server's errors point at entries by position, which an edit shifts.
    action.reset();
  };
  const submit = () => action.run(() => updateExclusions({ vaultId, serverId, ...form }));
  const readOnly = denied !== null;
  return (
    <SidePanel
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        action.reset();
        setForm(current);
        setOpening((count) => count + 1);
      }}
      title="Exclusion settings"
      description={serverName}
      footer={
        <>
          <button
            type="button"
            className={primaryButtonClass}
            disabled={action.pending || readOnly}
            aria-describedby={readOnly ? deniedId : undefined}
            onClick={submit}
          >
            {action.pending ? "Saving…" : "Save"}
          </button>
          <CloseButton>{readOnly ? "Close" : undefined}</CloseButton>
          {readOnly ? (
            <p id={deniedId} className="self-center text-[12px] text-text-secondary">
              {denied}
            </p>
          ) : null}
        </>
      }
    >
      <p className="mb-4">
        The agent leaves these out of every backup of this server&apos;s folders, from its next backup on. Recovery
        points already taken keep what they hold.
      </p>
      {(["folders", "fileTypes"] as const).map((name) => (
        <ExclusionList
          key={`${name}-${opening}`}
          name={name}
          entries={form[name]}
          onChange={change(name)}
          fieldErrors={action.state?.fieldErrors}
          readOnly={readOnly}
        />
      ))}
      {action.state?.fieldErrors ? null : <ActionMessage state={action.state} />}
    </SidePanel>
  );
}
