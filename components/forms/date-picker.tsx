"use client";

// A calendar date field as Azure's: the date as the portal shows a day ("11/28/2026", which can be
// typed too) and a calendar button opening a month grid (react-day-picker, as Recover Data's
// calendar) in a popover. The grid opens on the chosen day, and the keyboard walks it (arrows a day
// or a week, Page Up/Down a month, Home/End the week's ends); a pick closes it. Values are
// "YYYY-MM-DD" calendar days; days outside [min, max] can't be picked.
import { useState } from "react";
import { DayPicker } from "react-day-picker";
import "react-day-picker/style.css";
import { CalendarIcon } from "@/components/icons";
import { Popover, PopoverTrigger } from "@/components/portal/popover";
import { formatCalendarDay } from "@/lib/domain/format/time";
import { dateOfDay, dayOfDate } from "./calendar-days";
import { inputClass } from "./field";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: "UTC" });

/** "11/28/2026" → "2026-11-28", or null when it isn't a real day. */
function parseShown(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [month, day, year] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? dayOfDate(date) : null;
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
  const [text, setText] = useState(value ? formatCalendarDay(value) : "");
  const [month, setMonth] = useState(dateOfDay(value || min));
  const [open, setOpen] = useState(false);
  // A pick in the calendar, or the form's reset, shows in the field (adjusted while rendering).
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    if (parseShown(text) !== value) {
      setText(value ? formatCalendarDay(value) : "");
      if (value) setMonth(dateOfDay(value));
    }
  }

  return (
    <Popover
      open={open}
      onOpenChange={(opening) => {
        // The grid opens on the chosen day's month, whichever month it was left on.
        if (opening && DAY.test(value)) setMonth(dateOfDay(value));
        setOpen(opening);
      }}
      title="Choose a date"
      titleHidden
      trigger={
        <div className="relative">
          <input
            id={id}
            className={`${inputClass} w-full pr-9`}
            value={text}
            placeholder="MM/DD/YYYY"
            aria-invalid={invalid ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setText(event.target.value);
              const typed = parseShown(event.target.value);
              if (typed) setMonth(dateOfDay(typed));
              // What isn't a day goes as typed, for the server to say what's wrong with it.
              onChange(typed ?? event.target.value);
            }}
          />
          <PopoverTrigger
            type="button"
            aria-label="Choose a date"
            title="Choose a date"
            className="absolute inset-y-px right-px flex w-8 items-center justify-center rounded-r-sm text-text-secondary hover:bg-surface-muted hover:text-text data-[state=open]:bg-surface-muted"
          >
            <CalendarIcon />
          </PopoverTrigger>
        </div>
      }
    >
      <DayPicker
        className="w-fit text-[12px]"
        mode="single"
        required
        autoFocus
        timeZone="UTC"
        captionLayout="dropdown"
        selected={DAY.test(value) ? dateOfDay(value) : undefined}
        onSelect={(date) => {
          onChange(dayOfDate(date));
          setOpen(false);
        }}
        month={month}
        onMonthChange={setMonth}
        startMonth={dateOfDay(min)}
        endMonth={dateOfDay(max)}
        disabled={[{ before: dateOfDay(min) }, { after: dateOfDay(max) }]}
        labels={{
          labelMonthDropdown: () => "Month",
          labelYearDropdown: () => "Year",
          labelDayButton: (date, modifiers) => `${LONG_DATE.format(date)}${modifiers.selected ? ", selected" : ""}`,
        }}
      />
    </Popover>
  );
}
