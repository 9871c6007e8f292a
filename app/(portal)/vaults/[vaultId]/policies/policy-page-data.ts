import { localDateKey } from "@/lib/domain/time/days";
import { windowsZoneChoices } from "@/lib/domain/time/windows-zones";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";

/** What every policy form needs: the time-zone choices, the viewer's zone and today's date in it. */
export async function policyFormContext() {
  const now = new Date();
  const timeZone = await viewerTimeZone();
  return {
    zones: windowsZoneChoices(now).map(({ windowsId, label }) => ({ windowsId, label })),
    timeZone,
    today: localDateKey(now, timeZone),
  };
}
