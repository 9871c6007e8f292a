// How instants read in the portal: in the viewer's time zone, with the zone named.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and shape: building one costs far more than formatting. */
function formatter(timeZone: string, shape: "date-time" | "date-time-seconds" | "time"): Intl.DateTimeFormat {
  const key = `${timeZone}|${shape}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-US", {
      timeZone,
      ...(shape === "time" ? {} : { year: "numeric", month: "numeric", day: "numeric" }),
      hour: "numeric",
      minute: "2-digit",
      ...(shape === "date-time-seconds" ? { second: "2-digit" } : {}),
      timeZoneName: "short",
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

/** "Mon 11/23" for chart axes. */
export function formatDayKey(dayKey: string): string {
  const [year, month, day] = dayKey.split("-").map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString("en-US", {
    weekday: "short",
    timeZone: "UTC",
  });
  return `${weekday} ${month}/${day}`;
}
