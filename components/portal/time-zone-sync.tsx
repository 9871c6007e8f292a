"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Tells the server the browser's time zone (a cookie), then re-renders once if it was not known. */
export function TimeZoneSync({ serverTimeZone, cookieName }: { serverTimeZone: string; cookieName: string }) {
  const router = useRouter();
  useEffect(() => {
    const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserTimeZone && browserTimeZone !== serverTimeZone) {
      document.cookie = `${cookieName}=${encodeURIComponent(browserTimeZone)}; path=/; max-age=31536000; samesite=lax`;
      router.refresh();
    }
  }, [serverTimeZone, cookieName, router]);
  return null;
}
