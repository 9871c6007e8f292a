"use client";

// The policy forms' fields. Each shows the server's reasons for its Azure path next to it.
import type { ReactNode } from "react";
import { inputClass } from "@/components/forms/field";
import { formatCalendarDate } from "@/lib/domain/policy/describe";
import { anchorWeekOfDraft, type DayOfMonthDraft, type PolicyDraft } from "@/lib/domain/policy/draft";
import { DAYS_OF_WEEK, type DayOfWeek, MONTHS_OF_YEAR, WEEKS_OF_MONTH } from "@/lib/schemas/policy";

export type FieldErrors = Record<string, string[]>;
export type ZoneChoice = { windowsId: string; label: string };
type Update = (change: (draft: PolicyDraft) => void) => void;

/** The messages of every path under `prefix`. */
export function errorsUnder(errors: FieldErrors, ...prefixes: string[]): string[] {
  return Object.entries(errors)
    .filter(([path]) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)))
    .flatMap(([, messages]) => messages);
}

export function FieldErrorList({ messages }: { messages: string[] }) {
  return (
    <>
      {messages.map((message) => (
        <p key={message} role="alert" className="mt-1 text-[12px] text-error">
          {message}
        </p>
      ))}
    </>
  );
}

function Row({ label, children, errors }: { label: string; children: ReactNode; errors?: string[] }) {
  return (
    <div className="mb-3 grid grid-cols-1 gap-1 md:grid-cols-[180px_1fr]">
      <span className="pt-1.5 font-semibold">{label}</span>
      <div>
        {children}
        <FieldErrorList messages={errors ?? []} />
      </div>
    </div>
  );
}

/** "Retain for [30] day(s) (1–9,999)": in a narrow column the range wraps below rather than overflowing. */
function CountWithRange({
  lead,
  label,
  value,
  max,
  unit,
  onChange,
}: {
  lead: string;
  label: string;
  value: number;
  max: number;
  unit: string;
  onChange: (value: number) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <span className="whitespace-nowrap">{lead}</span>
      <NumberInput label={label} value={value} min={1} max={max} onChange={onChange} />
      <span className="whitespace-nowrap">{unit}</span>
      <span className="whitespace-nowrap text-text-secondary">(1–{max.toLocaleString("en-US")})</span>
    </div>
  );
}

function Checks<T extends string>({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: readonly T[];
  selected: T[];
  onChange: (values: T[]) => void;
}) {
  return (
    <fieldset className="flex flex-wrap gap-x-3 gap-y-1" aria-label={label}>
      {options.map((option) => (
        <label key={option} className="inline-flex items-center gap-1">
          <input
            type="checkbox"
            checked={selected.includes(option)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? options.filter((value) => value === option || selected.includes(value))
                  : selected.filter((value) => value !== option),
              )
            }
          />
          {option}
        </label>
      ))}
    </fieldset>
  );
}

function NumberInput({
  label,
  value,
  onChange,
  min,
  max,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
}) {
  return (
    <input
      type="number"
      aria-label={label}
      className={`${inputClass} w-24`}
      value={Number.isFinite(value) ? value : ""}
      min={min}
      max={max}
      onChange={(event) => onChange(event.target.valueAsNumber)}
    />
  );
}

const schedulePath = (draft: PolicyDraft) =>
  draft.workload === "AzureIaasVM" && draft.vmPolicyType === "V2"
    ? draft.frequency === "Weekly"
      ? "policy.schedulePolicy.weeklySchedule"
      : "policy.schedulePolicy.dailySchedule"
    : "policy.schedulePolicy";

export function ScheduleFields({
  draft,
  update,
  errors,
  zones,
}: {
  draft: PolicyDraft;
  update: Update;
  errors: FieldErrors;
  zones: ZoneChoice[];
}) {
  const isVm = draft.workload === "AzureIaasVM";
  const frequencies =
    isVm && draft.vmPolicyType === "V2" ? (["Hourly", "Daily", "Weekly"] as const) : (["Daily", "Weekly"] as const);
  const maxTimes = isVm ? 1 : 3;
  const base = schedulePath(draft);
  return (
    <section aria-label="Backup schedule">
      <Row
        label="Frequency"
        errors={errorsUnder(errors, "policy.schedulePolicy.scheduleRunFrequency", "policy.policyType")}
      >
        <select
          aria-label="Frequency"
          className={`${inputClass} w-48`}
          value={draft.frequency}
          onChange={(event) => update((next) => void (next.frequency = event.target.value as PolicyDraft["frequency"]))}
        >
          {frequencies.map((frequency) => (
            <option key={frequency}>{frequency}</option>
          ))}
        </select>
      </Row>
      {draft.frequency === "Weekly" && !(isVm && draft.vmPolicyType === "V2") ? (
        // Azure's scheduleWeeklyFrequency, a standard (V1) field: enhanced weekly policies run every week.
        <Row label="Every" errors={errorsUnder(errors, "policy.schedulePolicy.scheduleWeeklyFrequency")}>
          <span className="inline-flex items-center gap-2">
            <select
              aria-label="Weeks between backups"
              className={`${inputClass} w-20`}
              value={draft.weeklyFrequency}
              onChange={(event) => update((next) => void (next.weeklyFrequency = Number(event.target.value)))}
            >
              {[1, 2, 3, 4].map((weeks) => (
                <option key={weeks} value={weeks}>
                  {weeks}
                </option>
              ))}
            </select>
            week(s)
          </span>
          {draft.weeklyFrequency >= 2 ? (
            <p className="mt-1 text-[12px] text-text-secondary">
              Backs up in the week of {formatCalendarDate(anchorWeekOfDraft(draft))} and every {draft.weeklyFrequency}{" "}
              weeks before and after it (weeks run Monday to Sunday).
            </p>
          ) : null}
        </Row>
      ) : null}
      {draft.frequency === "Weekly" ? (
        <Row label="On" errors={errorsUnder(errors, `${base}.scheduleRunDays`)}>
          <Checks
            label="Backup days"
            options={DAYS_OF_WEEK}
            selected={draft.days}
            onChange={(days) => update((next) => void (next.days = days))}
          />
        </Row>
      ) : null}
      {draft.frequency === "Hourly" ? (
        <>
          <Row label="Every" errors={errorsUnder(errors, "policy.schedulePolicy.hourlySchedule.interval")}>
            <select
              aria-label="Interval"
              className={`${inputClass} w-32`}
              value={draft.hourly.intervalHours}
              onChange={(event) => update((next) => void (next.hourly.intervalHours = Number(event.target.value)))}
            >
              {[4, 6, 8, 12].map((hours) => (
                <option key={hours} value={hours}>
                  {hours} hours
                </option>
              ))}
            </select>
          </Row>
          <Row
            label="Start time"
            errors={errorsUnder(errors, "policy.schedulePolicy.hourlySchedule.scheduleWindowStartTime")}
          >
            <input
              type="time"
              step={1800}
              aria-label="Window start"
              className={`${inputClass} w-32`}
              value={draft.hourly.windowStart}
              onChange={(event) => update((next) => void (next.hourly.windowStart = event.target.value))}
            />
          </Row>
          <Row
            label="Duration (hours)"
            errors={errorsUnder(errors, "policy.schedulePolicy.hourlySchedule.scheduleWindowDuration")}
          >
            <NumberInput
              label="Window duration"
              value={draft.hourly.windowHours}
              min={4}
              max={24}
              onChange={(value) => update((next) => void (next.hourly.windowHours = value))}
            />
          </Row>
        </>
      ) : (
        <Row
          label={maxTimes === 1 ? "Time" : "Times (up to 3)"}
          errors={errorsUnder(errors, `${base}.scheduleRunTimes`)}
        >
          <div className="flex flex-wrap items-center gap-2">
            {draft.times.map((time, index) => (
              <span key={index} className="inline-flex items-center gap-1">
                <input
                  type="time"
                  step={isVm ? 1800 : 60}
                  aria-label={`Backup time ${index + 1}`}
                  className={`${inputClass} w-32`}
                  value={time}
                  onChange={(event) => update((next) => void (next.times[index] = event.target.value))}
                />
                {draft.times.length > 1 ? (
                  <button
                    type="button"
                    aria-label={`Remove backup time ${index + 1}`}
                    className="px-1 text-text-secondary hover:text-error"
                    onClick={() => update((next) => void next.times.splice(index, 1))}
                  >
                    ×
                  </button>
                ) : null}
              </span>
            ))}
            {draft.times.length < maxTimes ? (
              <button
                type="button"
                className="text-primary hover:underline"
                onClick={() => update((next) => void next.times.push("12:00"))}
              >
                + Add a time
              </button>
            ) : null}
          </div>
        </Row>
      )}
      <Row label="Time zone" errors={errorsUnder(errors, "policy.timeZone")}>
        <select
          aria-label="Time zone"
          className={`${inputClass} w-full max-w-96`}
          value={draft.windowsTimeZone}
          onChange={(event) => update((next) => void (next.windowsTimeZone = event.target.value))}
        >
          {zones.map((zone) => (
            <option key={zone.windowsId} value={zone.windowsId}>
              {zone.label}
            </option>
          ))}
        </select>
        <p className="mt-1 text-[12px] text-text-secondary">
          Backups keep their local time across daylight-saving changes (Azure doesn&apos;t adjust).
        </p>
      </Row>
    </section>
  );
}

export function InstantRestoreFields({
  draft,
  update,
  errors,
}: {
  draft: PolicyDraft;
  update: Update;
  errors: FieldErrors;
}) {
  const fixed = draft.vmPolicyType === "V1" && draft.frequency === "Weekly";
  return (
    <Row label="Instant restore" errors={errorsUnder(errors, "policy.instantRpRetentionRangeInDays")}>
      {fixed ? (
        <span>Snapshots are kept 5 days for weekly standard policies.</span>
      ) : (
        <CountWithRange
          lead="Keep snapshots for"
          label="Instant restore days"
          value={draft.instantRestoreDays}
          max={draft.vmPolicyType === "V2" ? 30 : 5}
          unit="day(s)"
          onChange={(value) => update((next) => void (next.instantRestoreDays = value))}
        />
      )}
    </Row>
  );
}

function DayOfMonthFields({
  label,
  value,
  onChange,
  allowDates,
}: {
  label: string;
  value: DayOfMonthDraft;
  onChange: (value: DayOfMonthDraft) => void;
  allowDates: boolean;
}) {
  return (
    <div className="mt-2 space-y-2">
      <div className="flex gap-3">
        <label className="inline-flex items-center gap-1">
          <input
            type="radio"
            name={`${label}-format`}
            checked={value.format === "Weekly"}
            onChange={() => onChange({ ...value, format: "Weekly" })}
          />
          Week based
        </label>
        <label className={`inline-flex items-center gap-1 ${allowDates ? "" : "text-text-disabled"}`}>
          <input
            type="radio"
            name={`${label}-format`}
            disabled={!allowDates}
            checked={value.format === "Daily"}
            onChange={() => onChange({ ...value, format: "Daily" })}
          />
          Day based
        </label>
      </div>
      {value.format === "Weekly" ? (
        <>
          <Checks
            label={`${label} weeks`}
            options={WEEKS_OF_MONTH}
            selected={value.weeks}
            onChange={(weeks) => onChange({ ...value, weeks })}
          />
          <Checks
            label={`${label} weekdays`}
            options={DAYS_OF_WEEK}
            selected={value.weekdays}
            onChange={(weekdays) => onChange({ ...value, weekdays })}
          />
        </>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <input
            aria-label={`${label} days of the month`}
            className={`${inputClass} w-48`}
            value={value.dates.join(", ")}
            onChange={(event) =>
              onChange({
                ...value,
                dates: event.target.value
                  .split(/[\s,]+/)
                  .filter(Boolean)
                  .map(Number),
              })
            }
          />
          <label className="inline-flex items-center gap-1">
            <input
              type="checkbox"
              checked={value.last}
              onChange={(event) => onChange({ ...value, last: event.target.checked })}
            />
            Last day
          </label>
        </div>
      )}
    </div>
  );
}

export function RetentionFields({
  draft,
  update,
  errors,
}: {
  draft: PolicyDraft;
  update: Update;
  errors: FieldErrors;
}) {
  const weeklySchedule = draft.frequency === "Weekly";
  const path = (rule: string) => `policy.retentionPolicy.${rule}Schedule`;
  const toggle = (
    rule: "daily" | "weekly" | "monthly" | "yearly",
    label: string,
    unit: string,
    max: number,
    extra?: ReactNode,
  ) => (
    <div className="mb-3 rounded-sm border border-border p-3" role="group" aria-label={`${label} retention`}>
      <label className="inline-flex items-center gap-2 font-semibold">
        <input
          type="checkbox"
          checked={draft[rule].enabled}
          onChange={(event) => update((next) => void (next[rule].enabled = event.target.checked))}
        />
        {label} backup point
      </label>
      {draft[rule].enabled ? (
        <div className="mt-2">
          <CountWithRange
            lead="Retain for"
            label={`${label} retention count`}
            value={draft[rule].count}
            max={max}
            unit={unit}
            onChange={(value) => update((next) => void (next[rule].count = value))}
          />
          {extra}
        </div>
      ) : null}
      <FieldErrorList messages={errorsUnder(errors, path(rule))} />
    </div>
  );
  const weekdays = weeklySchedule ? draft.days : DAYS_OF_WEEK;
  return (
    <section aria-label="Retention range">
      {weeklySchedule ? null : toggle("daily", "Daily", "day(s)", 9999)}
      {toggle(
        "weekly",
        "Weekly",
        "week(s)",
        5163,
        <div className="mt-2">
          <Checks<DayOfWeek>
            label="Weekly retention days"
            options={weekdays}
            selected={draft.weekly.days}
            onChange={(days) => update((next) => void (next.weekly.days = days))}
          />
        </div>,
      )}
      {toggle(
        "monthly",
        "Monthly",
        "month(s)",
        1188,
        <DayOfMonthFields
          label="Monthly"
          value={draft.monthly}
          allowDates={!weeklySchedule}
          onChange={(value) => update((next) => void Object.assign(next.monthly, value))}
        />,
      )}
      {toggle(
        "yearly",
        "Yearly",
        "year(s)",
        99,
        <>
          <div className="mt-2">
            <Checks
              label="Yearly retention months"
              options={MONTHS_OF_YEAR}
              selected={draft.yearly.months}
              onChange={(months) => update((next) => void (next.yearly.months = months))}
            />
          </div>
          <DayOfMonthFields
            label="Yearly"
            value={draft.yearly}
            allowDates={!weeklySchedule}
            onChange={(value) => update((next) => void Object.assign(next.yearly, value))}
          />
        </>,
      )}
      <FieldErrorList messages={errors["policy.retentionPolicy"] ?? []} />
    </section>
  );
}
