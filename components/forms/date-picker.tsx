"use client";

// A calendar date picker: a date field plus a month grid with keyboard navigation (arrows move a
// day or a week, Page Up/Down a month, Home/End the week's ends, Enter picks). Dates are
// "YYYY-MM-DD" calendar dates; days outside [min, max] can't be picked.
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { inputClass } from "./field";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

type Day = { year: number; month: number; day: number };

function parse(value: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 ? { year, month, day } : null;
}

function key({ year, month, day }: Day): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function addDays(day: Day, days: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function addMonths(day: Day, months: number): Day {
  const first = new Date(Date.UTC(day.year, day.month - 1 + months, 1));
  const year = first.getUTCFullYear();
  const month = first.getUTCMonth() + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(day.day, last) };
}

/** Monday-based weekday, 0–6. */
function weekday(day: Day): number {
  return (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7;
}

function longLabel(day: Day): string {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

export function DatePicker({
  id,
  value,
  min,
  max,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  value: string;
  min: string;
  max: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState<Day>(parse(value) ?? parse(min)!);
  const grid = useRef<HTMLTableElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-day="${key(focused)}"]`)?.focus();
  }, [focused]);

  const inRange = (day: Day) => key(day) >= min && key(day) <= max;
  const clamp = (day: Day): Day => (key(day) < min ? parse(min)! : key(day) > max ? parse(max)! : day);
  const pick = (day: Day) => {
    if (!inRange(day)) return;
    setFocused(day);
    onChange(key(day));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, (day: Day) => Day> = {
      ArrowLeft: (day) => addDays(day, -1),
      ArrowRight: (day) => addDays(day, 1),
      ArrowUp: (day) => addDays(day, -7),
      ArrowDown: (day) => addDays(day, 7),
      PageUp: (day) => addMonths(day, -1),
      PageDown: (day) => addMonths(day, 1),
      Home: (day) => addDays(day, -weekday(day)),
      End: (day) => addDays(day, 6 - weekday(day)),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveFocus.current = true;
    setFocused(clamp(move(focused)));
  };

  const first: Day = { year: focused.year, month: focused.month, day: 1 };
  const start = addDays(first, -weekday(first));
  const weeks = Array.from({ length: 6 }, (_, week) =>
    Array.from({ length: 7 }, (_, index) => addDays(start, week * 7 + index)),
  );
  const minDay = parse(min)!;
  const maxDay = parse(max)!;
  const years = Array.from({ length: maxDay.year - minDay.year + 1 }, (_, index) => minDay.year + index);
  const navButton =
    "flex h-7 w-7 items-center justify-center rounded-sm hover:bg-surface-muted disabled:text-text-disabled disabled:hover:bg-transparent";

  return (
    <div>
      <input
        id={id}
        className={`${inputClass} w-full`}
        value={text}
        placeholder="YYYY-MM-DD"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          setText(event.target.value);
          const typed = parse(event.target.value);
          if (typed) setFocused(typed);
          onChange(event.target.value);
        }}
      />
      <div className="mt-2 w-[280px] rounded-sm border border-border p-2">
        <div className="mb-1 flex items-center gap-1">
          <button
            type="button"
            aria-label="Previous month"
            className={navButton}
            disabled={key(addDays(first, -1)) < min}
            onClick={() => setFocused(clamp(addMonths(focused, -1)))}
          >
            ‹
          </button>
          <select
            aria-label="Month"
            className="h-7 flex-1 rounded-sm border border-border bg-surface text-[13px]"
            value={focused.month}
            onChange={(event) => setFocused(clamp(addMonths(focused, Number(event.target.value) - focused.month)))}
          >
            {MONTHS.map((name, index) => (
              <option key={name} value={index + 1}>
                {name}
              </option>
            ))}
          </select>
          <select
            aria-label="Year"
            className="h-7 w-[72px] rounded-sm border border-border bg-surface text-[13px]"
            value={focused.year}
            onChange={(event) =>
              setFocused(clamp(addMonths(focused, (Number(event.target.value) - focused.year) * 12)))
            }
          >
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
          <button
            type="button"
            aria-label="Next month"
            className={navButton}
            disabled={key(addMonths(first, 1)) > max}
            onClick={() => setFocused(clamp(addMonths(focused, 1)))}
          >
            ›
          </button>
        </div>
        <table
          ref={grid}
          role="grid"
          aria-label={`${MONTHS[focused.month - 1]} ${focused.year}`}
          className="w-full border-collapse text-center text-[12px]"
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr>
              {WEEKDAYS.map((name) => (
                <th key={name} scope="col" className="py-1 font-normal text-text-secondary">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={key(week[0])}>
                {week.map((day) => {
                  const dayKey = key(day);
                  const selected = dayKey === value;
                  const outside = day.month !== focused.month;
                  return (
                    <td key={dayKey} role="gridcell" aria-selected={selected}>
                      <button
                        type="button"
                        data-day={dayKey}
                        aria-label={longLabel(day)}
                        tabIndex={dayKey === key(focused) ? 0 : -1}
                        disabled={!inRange(day)}
                        onClick={() => pick(day)}
                        onKeyDown={(event) => {
                          if (event.key === "Enter" || event.key === " ") {
                            event.preventDefault();
                            pick(focused);
                          }
                        }}
                        className={`h-8 w-8 rounded-sm ${selected ? "bg-primary font-semibold text-white" : outside ? "text-text-secondary hover:bg-surface-muted" : "hover:bg-surface-muted"} disabled:bg-transparent disabled:text-text-disabled disabled:line-through`}
                      >
                        {day.day}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
