// Azure's REST API names time zones by Windows id ("Pacific Standard Time"); we compute in IANA
// zones. The mapping is CLDR's windowsZones.xml, through the windows-iana package.
import { findIana, findWindows, WINDOWS_TO_IANA_MAP } from "windows-iana";
import { isValidTimeZone, offsetAt } from "./zoned";

const supportedZones = new Set(Intl.supportedValuesOf("timeZone"));

/** The IANA zone of a Windows zone id, or null when CLDR doesn't know the id. */
export function ianaZoneOfWindows(windowsId: string): string | null {
  if (windowsId === "UTC") return "UTC";
  const candidates = findIana(windowsId);
  return candidates.find((zone) => supportedZones.has(zone)) ?? candidates[0] ?? null;
}

/** The Windows zone id to export for an IANA zone, or null when none maps to it. */
export function windowsZoneOfIana(zone: string): string | null {
  if (zone === "UTC" || zone === "Etc/UTC") return "UTC";
  return findWindows(zone)[0] ?? null;
}

/** Every Windows zone id CLDR maps, with its IANA zone, for the policy forms' time-zone picker. */
export function windowsZoneChoices(now: Date): Array<{ windowsId: string; ianaZone: string; label: string }> {
  const ids = [...new Set(WINDOWS_TO_IANA_MAP.map((entry) => entry.windowsName))];
  return ids
    .map((windowsId) => ({ windowsId, ianaZone: ianaZoneOfWindows(windowsId)! }))
    .filter((choice) => choice.ianaZone && isValidTimeZone(choice.ianaZone))
    .map((choice) => {
      const offset = offsetAt(now, choice.ianaZone) / 60_000;
      const sign = offset < 0 ? "-" : "+";
      const label = `(UTC${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}) ${choice.windowsId}`;
      return { ...choice, offset, label };
    })
    .sort((a, b) => a.offset - b.offset || a.windowsId.localeCompare(b.windowsId))
    .map(({ offset: _offset, ...choice }) => choice);
}
