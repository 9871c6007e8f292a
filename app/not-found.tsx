import { NOT_FOUND_TITLE, NotFoundBlade } from "@/components/portal/not-found-blade";
import { PortalShell } from "@/components/portal/shell";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { newAlertsForUser } from "@/lib/server/services/alerts";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { signOutAction } from "./(auth)/actions";

export const metadata = { title: NOT_FOUND_TITLE };

/** URLs that match no blade: the not-found blade in the portal's frame. */
export default async function NotFound() {
  const [actor, timeZone] = await Promise.all([requireActor(), viewerTimeZone()]);
  return (
    <PortalShell
      signOut={signOutAction}
      timeZone={timeZone}
      user={{ name: actor.name, email: actor.email, isOwner: actor.isOwner }}
      alerts={await newAlertsForUser(getDb(), actor)}
    >
      <NotFoundBlade />
    </PortalShell>
  );
}
