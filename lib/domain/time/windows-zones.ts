// Azure's REST API names time zones by Windows id ("Pacific Standard Time"); we compute in IANA
// zones. The mapping is CLDR's windowsZones.xml, through the windows-iana package.
import { findIana, findWindows } from "windows-iana";

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
