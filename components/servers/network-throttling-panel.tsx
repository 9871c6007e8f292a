"use client";

import type { ServerAction } from "@/components/forms/action-state";
import type { ThrottlingInput } from "@/lib/schemas/servers";
import { useState } from "react";
import { Field, inputClass } from "@/components/forms/field";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";
import {
  bandwidthInUnit,
  type BandwidthUnit,
  DEFAULT_THROTTLING,
  KBPS_PER_UNIT,
  kbpsOf,
  type Throttling,
  WEEKDAY_NAMES,
} from "@/lib/domain/agent/throttling";

type Bandwidth = { value: string; unit: BandwidthUnit };

function bandwidthOf(kbps: number): Bandwidth {
  const { value, unit } = bandwidthInUnit(kbps);
  return { value: String(value), unit };
}

function formOf(throttling: Throttling) {
  const { enabled, workDays, workStart, workEnd } = throttling;
  return {
    enabled,
    workDays,
    workStart,
    workEnd,
    work: bandwidthOf(throttling.workKbps),
    nonWork: bandwidthOf(throttling.nonWorkKbps),
  };
}

function BandwidthField({
  id,
  label,
  value,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  value: Bandwidth;
  onChange: (value: Bandwidth) => void;
  errors?: string[];
}) {
  return (
    <Field id={id} label={label} errors={errors}>
      <span className="flex gap-2">
        <input
          id={id}
          type="number"
          min={0}
          step="any"
          className={`${inputClass} w-28`}
          value={value.value}
          onChange={(event) => onChange({ ...value, value: event.target.value })}
          aria-invalid={errors ? true : undefined}
        />
        <select
          aria-label={`${label} unit`}
          className={inputClass}
          value={value.unit}
          onChange={(event) => onChange({ ...value, unit: event.target.value as BandwidthUnit })}
        >
          {(Object.keys(KBPS_PER_UNIT) as BandwidthUnit[]).map((unit) => (
            <option key={unit}>{unit}</option>
          ))}
        </select>
      </span>
    </Field>
  );
}

/** The agent's Throttling tab: bandwidth for work hours and for the rest of the week. */
export function NetworkThrottlingPanel({
  updateThrottling,
  open,
  onOpenChange,
  vaultId,
  serverId,
  serverName,
  current,
}: {
  updateThrottling: ServerAction<ThrottlingInput>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  vaultId: string;
  serverId: string;
  serverName: string;
  current: Throttling | null;
}) {
  const initial = () => formOf(current ?? DEFAULT_THROTTLING);
  const [form, setForm] = useState(initial);
  const action = usePanelAction(`Network throttling (${serverName})`, () => onOpenChange(false));
  const errors = action.state?.fieldErrors;
  const update = (change: Partial<ReturnType<typeof formOf>>) => setForm((previous) => ({ ...previous, ...change }));
  const toggleDay = (day: number, on: boolean) =>
    update({ workDays: on ? [...form.workDays, day] : form.workDays.filter((workDay) => workDay !== day) });
  const submit = () =>
    action.run(() =>
      updateThrottling({
        vaultId,
        serverId,
        enabled: form.enabled,
        workDays: form.workDays,
        workStart: form.workStart,
        workEnd: form.workEnd,
        workKbps: kbpsOf(Number(form.work.value), form.work.unit),
        nonWorkKbps: kbpsOf(Number(form.nonWork.value), form.nonWork.unit),
      }),
    );
  return (
    <ActionPanel
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        setForm(initial());
      }}
      title="Network throttling"
      description={serverName}
      action={action}
      submitLabel="Save"
      busyLabel="Saving…"
      onSubmit={submit}
    >
      <label className="mb-4 flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-1"
          checked={form.enabled}
          onChange={(event) => update({ enabled: event.target.checked })}
        />
        <span>
          <span className="font-semibold">Enable internet bandwidth usage throttling for backup operations</span>
          <span className="block text-[12px] text-text-secondary">
            The agent limits its uploads to the vault (restic&apos;s upload limit) to the work hours&apos; bandwidth
            during work hours on work days, in the server&apos;s local time, and to the non-work hours&apos; bandwidth
            otherwise. Each is 512 Kbps to 1,023 Mbps.
          </span>
        </span>
      </label>
      <fieldset disabled={!form.enabled} className="disabled:opacity-60">
        <Field id="throttling-work-start" label="Work hours start" errors={errors?.workStart}>
          <input
            id="throttling-work-start"
            type="time"
            className={inputClass}
            value={form.workStart}
            onChange={(event) => update({ workStart: event.target.value })}
            aria-invalid={errors?.workStart ? true : undefined}
          />
        </Field>
        <Field
          id="throttling-work-end"
          label="Work hours end"
          hint="An end before the start runs past midnight."
          errors={errors?.workEnd}
        >
          <input
            id="throttling-work-end"
            type="time"
            className={inputClass}
            value={form.workEnd}
            onChange={(event) => update({ workEnd: event.target.value })}
            aria-invalid={errors?.workEnd ? true : undefined}
          />
        </Field>
        <fieldset className="mb-4">
          <legend className="mb-1 font-semibold">Work days</legend>
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            {WEEKDAY_NAMES.map((name, index) => (
              <label key={name} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={form.workDays.includes(index + 1)}
                  onChange={(event) => toggleDay(index + 1, event.target.checked)}
                />
                {name}
              </label>
            ))}
          </span>
          {errors?.workDays?.map((error) => (
            <p key={error} role="alert" className="mt-1 text-[12px] text-error">
              {error}
            </p>
          ))}
        </fieldset>
        <BandwidthField
          id="throttling-work-bandwidth"
          label="Work hours bandwidth"
          value={form.work}
          onChange={(work) => update({ work })}
          errors={errors?.workKbps}
        />
        <BandwidthField
          id="throttling-non-work-bandwidth"
          label="Non-work hours bandwidth"
          value={form.nonWork}
          onChange={(nonWork) => update({ nonWork })}
          errors={errors?.nonWorkKbps}
        />
      </fieldset>
      {errors ? null : <ActionMessage state={action.state} />}
    </ActionPanel>
  );
}
