import type { ReactNode } from "react";
import { PortalShell } from "@/components/portal/shell";
import { requireActor } from "@/lib/server/auth/session";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";

/** Every blade of the portal: signed-in users only. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [actor, timeZone] = await Promise.all([requireActor(), viewerTimeZone()]);
  return (
    <PortalShell timeZone={timeZone} user={{ name: actor.name, email: actor.email, isOwner: actor.isOwner }}>
      {children}
    </PortalShell>
  );
}
