import type { SimpleSchedulePolicy } from "@/lib/schemas/policy";
import { timeOfDay } from "./slots";

/** "Daily at 00:00, 18:00" / "Weekly on Saturday, Sunday at 01:00". */
export function describeSchedule(schedule: SimpleSchedulePolicy): string {
  const times = schedule.scheduleRunTimes
    .map(timeOfDay)
    .map(({ hour, minute }) => `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`)
    .join(", ");
  if (schedule.scheduleRunFrequency === "Weekly") return `Weekly on ${(schedule.scheduleRunDays ?? []).join(", ")} at ${times}`;
  return `Daily at ${times}`;
}
