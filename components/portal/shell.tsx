import Link from "next/link";
import type { ReactNode } from "react";
import { ActivityLogIcon, AlertIcon, DashboardIcon, UsersIcon, VaultIcon, VmIcon } from "@/components/icons";
import { formatTimeZone } from "@/lib/domain/format/time";
import type { BellAlerts } from "@/lib/domain/alerts/alerts";
import { AccountMenu } from "./account-menu";
import { GlobalSearch } from "./global-search";
import { NotificationBell, NotificationsProvider } from "./notifications";

/** The portal frame: top bar, left navigation, content. */
export function PortalShell({
  signOut,
  children,
  timeZone,
  user,
  alerts,
}: {
  signOut: () => Promise<void>;
  children: ReactNode;
  timeZone: string;
  user: { name: string; email: string; isOwner: boolean };
  alerts: BellAlerts;
}) {
  return (
    <NotificationsProvider>
      <div className="flex h-full flex-col">
        <header className="flex h-10 shrink-0 items-center gap-4 bg-topbar pl-4 text-white">
          <Link href="/" className="text-[15px] font-semibold tracking-tight">
            Vault Portal
          </Link>
          <span className="text-[12px] text-white/70">Azure Backup · Recovery Services</span>
          <div className="mx-auto">
            <GlobalSearch />
          </div>
          <span className="text-[12px] text-white/70" title="Times are shown in this time zone">
            {formatTimeZone(timeZone, new Date())}
          </span>
          <NotificationBell alerts={alerts} timeZone={timeZone} />
          <AccountMenu user={user} signOut={signOut} />
        </header>
        <div className="flex min-h-0 flex-1">
          <nav aria-label="Portal" className="w-48 shrink-0 border-r border-border bg-surface-alt py-2">
            <Link href="/" className="flex items-center gap-2 px-4 py-2 hover:bg-surface-muted">
              <DashboardIcon className="text-primary" />
              Dashboard
            </Link>
            <Link href="/vaults" className="flex items-center gap-2 px-4 py-2 hover:bg-surface-muted">
              <VaultIcon />
              Recovery Services vaults
            </Link>
            <p className="px-4 pb-1 pt-3 text-[11px] font-semibold uppercase tracking-wide text-text-secondary">
              Backup center
            </p>
            <Link href="/alerts" className="flex items-center gap-2 px-4 py-2 hover:bg-surface-muted">
              <AlertIcon className="text-primary" />
              Alerts
            </Link>
            <Link href="/inventory" className="flex items-center gap-2 px-4 py-2 hover:bg-surface-muted">
              <VmIcon />
              Inventory
            </Link>
            <Link href="/activity" className="flex items-center gap-2 px-4 py-2 hover:bg-surface-muted">
              <ActivityLogIcon className="text-primary" />
              Activity log
            </Link>
            {user.isOwner ? (
              <Link href="/users" className="flex items-center gap-2 px-4 py-2 hover:bg-surface-muted">
                <UsersIcon className="text-primary" />
                Users
              </Link>
            ) : null}
          </nav>
          <main className="min-w-0 flex-1 overflow-y-auto">{children}</main>
        </div>
      </div>
    </NotificationsProvider>
  );
}
