// How instants read in the portal: in the viewer's time zone, with the zone named.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and shape: building one costs far more than formatting. */
function formatter(timeZone: string, shape: "date-time" | "date-time-seconds" | "time" | "date"): Intl.DateTimeFormat {
  const key = `${timeZone}|${shape}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-US", {
      timeZone,
      ...(shape === "time" ? {} : { year: "numeric", month: "numeric", day: "numeric" }),
      ...(shape === "date" ? {} : { hour: "numeric", minute: "2-digit", timeZoneName: "short" }),
      ...(shape === "date-time-seconds" ? { second: "2-digit" } : {}),
    });
    formatters.set(key, cached);
  }
  return cached;
}

/** "11/26/2026, 6:38 AM GMT+1". */
export function formatDateTime(instant: Date, timeZone: string, options: { seconds?: boolean } = {}): string {
  return formatter(timeZone, options.seconds ? "date-time-seconds" : "date-time").format(instant);
}

/** "9:30 PM GMT+1": the time of day of an instant. */
export function formatTimeOfDay(instant: Date, timeZone: string): string {
  return formatter(timeZone, "time").format(instant);
}

/** "11/26/2026": the day of an instant in the zone, for axes and lists where the time of day adds nothing. */
export function formatDate(instant: Date, timeZone: string): string {
  return formatter(timeZone, "date").format(instant);
}

/** "11/26/2026" for a calendar day ("2026-11-26"), which is the same day in every zone. */
export function formatCalendarDay(dayKey: string): string {
  const [year, month, day] = dayKey.split("-").map(Number);
  return `${month}/${day}/${year}`;
}

/** "(UTC+01:00) Europe/Berlin": a time zone as Azure names it, with its offset at the instant. */
export function formatTimeZone(timeZone: string, at: Date): string {
  const offset =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")
      ?.value.replace("GMT", "") || "+00:00";
  return `(UTC${offset}) ${timeZone}`;
}

/** "Mon 11/23" for chart axes. */
export function formatDayKey(dayKey: string): string {
  const [year, month, day] = dayKey.split("-").map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString("en-US", {
    weekday: "short",
    timeZone: "UTC",
  });
  return `${weekday} ${month}/${day}`;
}
