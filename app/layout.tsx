import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TimeZoneSync } from "@/components/portal/time-zone-sync";
import { TIME_ZONE_COOKIE, viewerTimeZone } from "@/lib/server/viewer-time-zone";
// Noto Sans, self-hosted, for every OS without Segoe UI (globals.css's font stack); the Fluent
// icons' base styles (components/icons).
import "@fontsource-variable/noto-sans";
import "@fluentui/react-icons/headless/styles.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Vault Portal", template: "%s - Vault Portal" },
  description: "Recovery Services vaults, backup items, policies and jobs",
};

// Every blade shows live data.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const timeZone = await viewerTimeZone();
  return (
    <html lang="en">
      <body>
        <TimeZoneSync serverTimeZone={timeZone} cookieName={TIME_ZONE_COOKIE} />
        {children}
      </body>
    </html>
  );
}
