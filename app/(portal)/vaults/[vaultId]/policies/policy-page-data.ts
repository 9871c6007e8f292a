import { localDateKey } from "@/lib/domain/time/days";
import { windowsZoneChoices } from "@/lib/domain/time/windows-zones";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";

/** What every policy form needs: the time-zone choices and today's date in the viewer's zone. */
export async function policyFormContext() {
  const now = new Date();
  return {
    zones: windowsZoneChoices(now).map(({ windowsId, label }) => ({ windowsId, label })),
    today: localDateKey(now, await viewerTimeZone()),
  };
}
