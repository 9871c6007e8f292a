"use client";

import { useState } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { dateOfDay, dayOfDate } from "@/components/forms/calendar-days";
import { Field, inputClass } from "@/components/forms/field";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import { CONFLICT_OPTION_LABELS, CONFLICT_OPTIONS, type ConflictOption } from "@/lib/domain/restore/file-recovery";
import type { BrowseRecoveryPointInput, FileRecoveryInput } from "@/lib/schemas/restore";
import { DayPicker } from "react-day-picker";
import "react-day-picker/style.css";
import { type BrowseAnswer, RecoveryPointBrowser } from "./recovery-point-browser";

/**
 * Recover Data of a files-and-folders item, in the steps and words of Azure's agent wizard: the
 * recovery point, the items, where they go and what happens when an item already exists there.
 * The server's agent does the work, so only a server with a real agent offers it.
 */
export function RecoverFilesPanel({
  open,
  onOpenChange,
  vaultId,
  itemId,
  itemName,
  source,
  otherServers,
  points,
  action: recover,
  browse,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  vaultId: string;
  itemId: string;
  itemName: string;
  source: { serverName: string; path: string };
  /** The vault's other servers with an agent, and whether each holds the source server's passphrase. */
  otherServers: Array<{ id: string; name: string; holdsPassphrase: boolean }>;
  /** Newest first; `day` is the point's calendar day ("2026-11-28") and `time` its time of day, in the viewer's zone. */
  points: Array<{ id: string; day: string; time: string }>;
  action: (input: FileRecoveryInput) => Promise<ActionState & { data?: { jobId: string } }>;
  browse: (input: BrowseRecoveryPointInput) => Promise<BrowseAnswer>;
}) {
  const initial = {
    targetServerId: "",
    recoveryPointId: points[0]?.id ?? "",
    scope: "all" as "all" | "selected",
    items: "",
    location: "original" as "original" | "another",
    destination: "",
    conflict: "CreateCopies" as ConflictOption,
    overwriteConfirmed: false,
    restoreAcls: true,
  };
  const [form, setForm] = useState(initial);
  const update = (change: Partial<typeof initial>) => setForm((current) => ({ ...current, ...change }));
  const action = usePanelAction(`Recover data (${itemName})`, () => onOpenChange(false));
  const errors = action.state?.fieldErrors ?? {};
  const target = otherServers.find((server) => server.id === form.targetServerId);
  const days = new Set(points.map((point) => point.day));
  const chosen = points.find((point) => point.id === form.recoveryPointId) ?? points[0];
  const itemErrors = Object.entries(errors)
    .filter(([field]) => field === "items" || field.startsWith("items."))
    .flatMap(([, messages]) => messages);

  const selectedItems = form.items
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const toggle = (path: string, checked: boolean) =>
    update({
      items: (checked ? [...new Set([...selectedItems, path])] : selectedItems.filter((item) => item !== path)).join(
        "\n",
      ),
    });

  function request(): FileRecoveryInput {
    return {
      vaultId,
      itemId,
      targetServerId: form.targetServerId || null,
      recoveryPointId: form.recoveryPointId,
      items: form.scope === "all" ? [] : selectedItems,
      destination: form.location === "original" ? null : form.destination.trim(),
      conflict: form.conflict,
      restoreAcls: form.restoreAcls,
    };
  }

  return (
    <ActionPanel
      open={open}
      onOpenChange={onOpenChange}
      onClosed={() => setForm(initial)}
      title="Recover Data"
      description={`${itemName} on ${source.serverName}`}
      action={action}
      submitLabel="Recover"
      busyLabel="Starting recovery…"
      disabled={
        points.length === 0 ||
        target?.holdsPassphrase === false ||
        (form.conflict === "Overwrite" && !form.overwriteConfirmed)
      }
      onSubmit={() =>
        action.run(
          () => recover(request()),
          (data) => `/vaults/${vaultId}/jobs/${data.jobId}`,
        )
      }
    >
      <h3 className="mb-2 font-semibold">Getting Started</h3>
      <Field
        id="recover-target"
        label="Recover to"
        required
        hint={
          target
            ? target.holdsPassphrase
              ? `${target.name}'s agent holds the passphrase of ${source.serverName}.`
              : undefined
            : "The server the data was backed up from."
        }
        errors={errors.targetServerId}
      >
        <select
          id="recover-target"
          className={`${inputClass} w-full`}
          value={form.targetServerId}
          onChange={(event) => update({ targetServerId: event.target.value })}
        >
          <option value="">This server ({source.serverName})</option>
          {otherServers.map((server) => (
            <option key={server.id} value={server.id}>
              Another server: {server.name}
            </option>
          ))}
        </select>
      </Field>
      {target && !target.holdsPassphrase ? (
        <p role="alert" className="mb-4 rounded-sm bg-warning-bg px-3 py-2">
          {target.name} doesn&apos;t hold the passphrase of {source.serverName}, which encrypts its backups. On{" "}
          {target.name}, run{" "}
          <code className="font-mono text-[12px]">
            npm run agent -- add-passphrase --server {source.serverName} --passphrase-file &lt;file&gt;
          </code>{" "}
          with the agent running, then open Recover Data again.
        </p>
      ) : null}
      <h3 className="mb-2 font-semibold">Select Date</h3>
      {points.length === 0 ? (
        <p className="mb-4">This item has no recovery points yet.</p>
      ) : (
        <div className="mb-4">
          <p className="mb-1 text-[12px] text-text-secondary">Days in bold have recovery points.</p>
          <DayPicker
            mode="single"
            required
            timeZone="UTC"
            selected={dateOfDay(chosen!.day)}
            defaultMonth={dateOfDay(chosen!.day)}
            onSelect={(date) => {
              const first = points.find((point) => point.day === dayOfDate(date));
              if (first) update({ recoveryPointId: first.id });
            }}
            disabled={(date) => !days.has(dayOfDate(date))}
            modifiers={{ hasPoints: [...days].map(dateOfDay) }}
            modifiersClassNames={{ hasPoints: "font-bold" }}
          />
          <Field id="recover-point" label="Time" required errors={errors.recoveryPointId}>
            <select
              id="recover-point"
              className={`${inputClass} w-full`}
              value={form.recoveryPointId}
              onChange={(event) => update({ recoveryPointId: event.target.value })}
            >
              {points
                .filter((point) => point.day === chosen!.day)
                .map((point) => (
                  <option key={point.id} value={point.id}>
                    {point.time}
                  </option>
                ))}
            </select>
          </Field>
        </div>
      )}

      <fieldset className="mb-4">
        <legend className="mb-2 font-semibold">Select Items to Recover</legend>
        <label className="mb-1 flex items-center gap-2">
          <input
            type="radio"
            name="recover-scope"
            checked={form.scope === "all"}
            onChange={() => update({ scope: "all" })}
          />
          All files and folders of {source.path}
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="recover-scope"
            checked={form.scope === "selected"}
            onChange={() => update({ scope: "selected" })}
          />
          Selected files and folders
        </label>
        {form.scope === "selected" ? (
          <div className="mt-2">
            <RecoveryPointBrowser
              key={form.recoveryPointId}
              root={source.path}
              browse={(request) => browse({ vaultId, itemId, recoveryPointId: form.recoveryPointId, ...request })}
              selected={selectedItems}
              onToggle={toggle}
              downloadHref={(entry) =>
                entry.type === "file" || entry.type === "dir"
                  ? `/vaults/${vaultId}/items/MAB/${itemId}/download?${new URLSearchParams({
                      point: form.recoveryPointId,
                      path: entry.path,
                      type: entry.type,
                    })}`
                  : null
              }
            />
            <label htmlFor="recover-items" className="mt-2 mb-1 block">
              Items to recover
            </label>
            <textarea
              id="recover-items"
              rows={4}
              className={`${inputClass} h-auto w-full py-1 font-mono text-[12px]`}
              placeholder={`${source.path}/reports\n${source.path}/budget.xlsx`}
              value={form.items}
              onChange={(event) => update({ items: event.target.value })}
              aria-invalid={itemErrors.length > 0}
              aria-describedby="recover-items-hint"
            />
            <p id="recover-items-hint" className="mt-1 text-[12px] text-text-secondary">
              Checked above, or typed: one absolute path per line, in {source.path}.
            </p>
            {itemErrors.map((error) => (
              <p key={error} role="alert" className="mt-1 text-[12px] text-error">
                {error}
              </p>
            ))}
          </div>
        ) : null}
      </fieldset>

      <fieldset className="mb-4">
        <legend className="mb-2 font-semibold">Specify Recovery Options</legend>
        <p className="mb-1">Recover to</p>
        <label className="mb-1 flex items-center gap-2">
          <input
            type="radio"
            name="recover-location"
            checked={form.location === "original"}
            onChange={() => update({ location: "original" })}
          />
          Original location
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="recover-location"
            checked={form.location === "another"}
            onChange={() => update({ location: "another" })}
          />
          Another location
        </label>
        {form.location === "another" ? (
          <div className="mt-2">
            <Field
              id="recover-destination"
              label="Destination folder"
              required
              hint="An absolute path on the server; the items keep their full path below it."
              errors={errors.destination}
            >
              <input
                id="recover-destination"
                className={`${inputClass} w-full font-mono text-[12px]`}
                value={form.destination}
                onChange={(event) => update({ destination: event.target.value })}
                aria-invalid={Boolean(errors.destination)}
              />
            </Field>
          </div>
        ) : null}
        <p className="mt-3 mb-1">When the recovered item already exists</p>
        {CONFLICT_OPTIONS.map((option) => (
          <label key={option} className="mb-1 flex items-center gap-2">
            <input
              type="radio"
              name="recover-conflict"
              checked={form.conflict === option}
              onChange={() => update({ conflict: option })}
            />
            {CONFLICT_OPTION_LABELS[option]}
          </label>
        ))}
        {form.conflict === "Overwrite" ? (
          // Overwriting loses the server's current versions: confirmed before Recover is offered.
          <label className="mt-2 flex items-start gap-2 rounded-sm bg-warning-bg px-3 py-2">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={form.overwriteConfirmed}
              onChange={(event) => update({ overwriteConfirmed: event.target.checked })}
            />
            Files that exist at the destination are replaced by the recovered versions; their current contents are lost.
          </label>
        ) : null}
        <label className="mt-3 flex items-center gap-2">
          <input
            type="checkbox"
            checked={form.restoreAcls}
            onChange={(event) => update({ restoreAcls: event.target.checked })}
          />
          Restore the ACL permissions to the file or folder being recovered
        </label>
      </fieldset>
      {action.state?.fieldErrors ? null : <ActionMessage state={action.state} />}
    </ActionPanel>
  );
}
