import type { ReactNode } from "react";
import { PortalShell } from "@/components/portal/shell";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { newAlertsForUser } from "@/lib/server/services/alerts";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { signOutAction } from "../(auth)/actions";

/** Every blade of the portal: signed-in users only. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [actor, timeZone] = await Promise.all([requireActor(), viewerTimeZone()]);
  // The bell's new alerts as the page renders (a server action's refresh renders them again); the bell polls for later ones.
  const alerts = await newAlertsForUser(getDb(), actor);
  return (
    <PortalShell
      signOut={signOutAction}
      timeZone={timeZone}
      user={{ name: actor.name, email: actor.email, isOwner: actor.isOwner }}
      alerts={alerts}
    >
      {children}
    </PortalShell>
  );
}
