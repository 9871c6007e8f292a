import { cookies } from "next/headers";
import { isValidTimeZone } from "@/lib/domain/time/zoned";

export const TIME_ZONE_COOKIE = "tz";

/** The viewer's IANA time zone, as their browser reported it in a cookie; UTC until it has. */
export async function viewerTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return value && isValidTimeZone(value) ? value : "UTC";
}
