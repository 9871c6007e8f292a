"use client";

// Toasts for every outcome and the bell's list of recent notifications, as in the Azure portal.
// Toasts are sonner's: they stack, close themselves (an error stays until closed), and go when the
// user leaves the page they are about. The bell's history is kept in this browser (localStorage);
// the bell's new alerts come from the database (the same in every browser): rendered with the page, then polled.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { toast, Toaster } from "sonner";
import { SeverityIcon } from "@/components/alerts/alert-labels";
import { BellIcon, ErrorIcon, InfoIcon, SuccessIcon } from "@/components/icons";
import { counted } from "@/lib/domain/format/count";
import { formatDateTime } from "@/lib/domain/format/time";
import type { BellAlerts } from "@/lib/domain/alerts/alerts";

export type NotificationTone = "success" | "error" | "info";
export type PortalNotification = {
  id: string;
  title: string;
  message: string;
  tone: NotificationTone;
  href?: string;
  at: string;
  read: boolean;
};
type Notify = (notification: {
  title: string;
  message: string;
  tone: NotificationTone;
  href?: string;
  /** The page the outcome is about (its path), when the action goes there; else the page it was shown on. */
  page?: string;
}) => void;

const STORAGE_KEY = "vault-portal.notifications";
const KEPT = 30;
/** How long a success or an information shows; an error shows until closed. */
const TOAST_MS = 8000;
/** How often the bell asks for new alerts. */
const ALERTS_POLL_MS = 30_000;

const NotificationsContext = createContext<{
  notifications: PortalNotification[];
  notify: Notify;
  markAllRead: () => void;
  clear: () => void;
} | null>(null);

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notifications, setNotifications] = useState<PortalNotification[]>([]);
  const pathname = usePathname();
  /** Each showing toast's page: leaving it closes the toast. */
  const toastPages = useRef(new Map<string, string>());
  useEffect(() => {
    try {
      // The history lives in the browser: read once hydrated, so the server's render matches the first.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setNotifications(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]"));
    } catch {
      setNotifications([]);
    }
  }, []);
  useEffect(() => {
    for (const [id, page] of toastPages.current) {
      if (page === pathname) continue;
      toast.dismiss(id);
      toastPages.current.delete(id);
    }
  }, [pathname]);
  const save = useCallback((next: PortalNotification[]) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    return next;
  }, []);
  const notify = useCallback<Notify>(
    ({ page, ...notification }) => {
      const entry: PortalNotification = {
        ...notification,
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        read: false,
      };
      setNotifications((current) => save([entry, ...current].slice(0, KEPT)));
      toastPages.current.set(entry.id, page ?? pathname);
      const forget = () => toastPages.current.delete(entry.id);
      toast.custom((id) => <ToastCard notification={entry} onClose={() => toast.dismiss(id)} />, {
        id: entry.id,
        duration: entry.tone === "error" ? Infinity : TOAST_MS,
        unstyled: true,
        onDismiss: forget,
        onAutoClose: forget,
      });
    },
    [save, pathname],
  );
  const value = useMemo(
    () => ({
      notifications,
      notify,
      markAllRead: () => setNotifications((current) => save(current.map((entry) => ({ ...entry, read: true })))),
      clear: () => setNotifications(save([])),
    }),
    [notifications, notify, save],
  );
  return (
    <NotificationsContext.Provider value={value}>
      {children}
      {/* Top right below the top bar, as Azure's; left of an open side panel (globals.css), so its fields and buttons stay in view. */}
      <Toaster
        position="top-right"
        offset={{ top: 48, right: 16 }}
        gap={8}
        visibleToasts={4}
        containerAriaLabel="Outcomes"
      />
    </NotificationsContext.Provider>
  );
}

function useNotifications() {
  const context = useContext(NotificationsContext);
  if (!context) throw new Error("NotificationsProvider is missing.");
  return context;
}

export function useNotify(): Notify {
  return useNotifications().notify;
}

const TONE_ICONS: Record<NotificationTone, ReactNode> = {
  success: <SuccessIcon />,
  error: <ErrorIcon />,
  info: <InfoIcon />,
};

function NotificationBody({ notification }: { notification: PortalNotification }) {
  return (
    <div className="flex items-start gap-2">
      <span className="mt-0.5 shrink-0">{TONE_ICONS[notification.tone]}</span>
      <div className="min-w-0">
        <p className="font-semibold">{notification.title}</p>
        <p className="text-[12px] text-text-secondary">{notification.message}</p>
        {notification.href ? (
          <Link href={notification.href} className="text-[12px] text-primary hover:underline">
            View details
          </Link>
        ) : null}
      </div>
    </div>
  );
}

/** A toast, named by its title (the action and what it acted on). */
function ToastCard({ notification, onClose }: { notification: PortalNotification; onClose: () => void }) {
  return (
    <div
      role="status"
      aria-label={notification.title}
      className="flex w-[356px] items-start justify-between gap-2 rounded-sm border border-border bg-surface px-3 py-2 text-[13px] text-text shadow-lg"
    >
      <NotificationBody notification={notification} />
      <button type="button" aria-label="Dismiss" className="text-text-secondary hover:text-text" onClick={onClose}>
        ×
      </button>
    </div>
  );
}

/** The user's new alerts: as the page rendered them, then polled (a refresh renders them again). */
function useBellAlerts(rendered: BellAlerts): BellAlerts {
  const [alerts, setAlerts] = useState(rendered);
  const [renderedBefore, setRenderedBefore] = useState(rendered);
  if (rendered !== renderedBefore) {
    setRenderedBefore(rendered);
    setAlerts(rendered);
  }
  useEffect(() => {
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/alerts/bell", { cache: "no-store" });
        if (response.ok) setAlerts((await response.json()) as BellAlerts);
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    }, ALERTS_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  return alerts;
}

/** The top bar's bell: the user's new alerts and unread notifications, listed when opened. */
export function NotificationBell({ alerts: rendered, timeZone }: { alerts: BellAlerts; timeZone: string }) {
  const { notifications, markAllRead, clear } = useNotifications();
  const alerts = useBellAlerts(rendered);
  const [open, setOpen] = useState(false);
  const unread = notifications.filter((entry) => !entry.read).length;
  const badge = alerts.count + unread;
  const news = [
    ...(alerts.count > 0 ? [counted(alerts.count, "new alert")] : []),
    ...(unread > 0 ? [`${unread} unread`] : []),
  ];
  return (
    <div className="relative">
      <button
        type="button"
        aria-label={news.length > 0 ? `Notifications (${news.join(", ")})` : "Notifications"}
        aria-expanded={open}
        className="relative flex h-10 w-10 items-center justify-center hover:bg-white/10"
        onClick={() => {
          setOpen(!open);
          if (open) return;
          markAllRead();
          // The list shows them all; toasts over it would hide its top.
          toast.dismiss();
        }}
      >
        <BellIcon />
        {badge > 0 ? (
          <span
            data-testid="bell-badge"
            className="absolute right-1.5 top-1.5 min-w-4 rounded-full bg-primary px-1 text-[10px] font-semibold leading-4"
          >
            {badge}
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          aria-label="Notifications"
          className="absolute right-0 top-10 z-50 w-[380px] border border-border bg-surface text-text shadow-2xl"
        >
          <section aria-label="New alerts" className="border-b border-divider">
            <div className="flex items-center justify-between px-4 py-2">
              <h2 className="text-[15px] font-semibold">New alerts</h2>
              <Link
                href="/alerts?condition=Fired&state=New&range=all"
                className="text-[12px] text-primary hover:underline"
                onClick={() => setOpen(false)}
              >
                View all alerts
              </Link>
            </div>
            {alerts.alerts.length === 0 ? (
              <p className="px-4 pb-3 text-[12px] text-text-secondary">No new alerts in your vaults.</p>
            ) : (
              <ul className="max-h-[240px] overflow-y-auto">
                {alerts.alerts.map((alert) => (
                  <li key={alert.id} className="flex items-start gap-2 border-t border-divider px-4 py-2">
                    <SeverityIcon severity={alert.severity} className="mt-0.5 shrink-0" />
                    <div className="min-w-0">
                      <Link
                        href={alert.href}
                        className="font-semibold text-primary hover:underline"
                        onClick={() => setOpen(false)}
                      >
                        {alert.title}
                      </Link>
                      <p className="text-[11px] text-text-secondary">
                        {alert.vaultName} · {formatDateTime(new Date(alert.lastOccurredAt), timeZone)}
                      </p>
                    </div>
                  </li>
                ))}
                {alerts.count > alerts.alerts.length ? (
                  <li className="border-t border-divider px-4 py-2 text-[12px] text-text-secondary">
                    and {alerts.count - alerts.alerts.length} more
                  </li>
                ) : null}
              </ul>
            )}
          </section>
          <div className="flex items-center justify-between border-b border-divider px-4 py-2">
            <h2 className="text-[15px] font-semibold">Notifications</h2>
            <button type="button" className="text-[12px] text-primary hover:underline" onClick={clear}>
              Dismiss all
            </button>
          </div>
          {notifications.length === 0 ? (
            <p className="px-4 py-6 text-center text-text-secondary">No notifications.</p>
          ) : (
            <ul className="max-h-[420px] overflow-y-auto">
              {notifications.map((entry) => (
                <li key={entry.id} className="border-b border-divider px-4 py-2">
                  <NotificationBody notification={entry} />
                  <p className="mt-1 text-[11px] text-text-secondary">{formatDateTime(new Date(entry.at), timeZone)}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
