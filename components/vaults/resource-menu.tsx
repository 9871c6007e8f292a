"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef, useState } from "react";
import {
  ActivityLogIcon,
  AlertIcon,
  BackupIcon,
  JobsIcon,
  OverviewIcon,
  PolicyIcon,
  ServerIcon,
  SettingsIcon,
  UsersIcon,
  BellIcon,
} from "@/components/icons";

/** The vault's own left menu, as in the portal's resource blades. */
export function ResourceMenu({ vaultId, vaultName }: { vaultId: string; vaultName: string }) {
  const pathname = usePathname();
  const [search, setSearch] = useState("");
  const searchBox = useRef<HTMLInputElement>(null);
  // Ctrl+/ goes to the menu's search box, as in the Azure portal.
  useEffect(() => {
    const focusSearch = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key !== "/") return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    window.addEventListener("keydown", focusSearch);
    return () => window.removeEventListener("keydown", focusSearch);
  }, []);
  const base = `/vaults/${vaultId}`;
  const link = (path: string, label: string, icon: ReactNode) => ({
    href: `${base}/${path}`,
    label,
    icon,
    active: pathname.startsWith(`${base}/${path}`),
  });
  // Grouped as the portal's vault menu is: the resources, Monitoring, then the settings.
  const groups: Array<{
    label?: string;
    entries: Array<{ href: string; label: string; icon: ReactNode; active: boolean }>;
  }> = [
    {
      entries: [
        { href: base, label: "Overview", icon: <OverviewIcon />, active: pathname === base },
        link("items", "Backup items", <BackupIcon />),
        link("policies", "Backup policies", <PolicyIcon />),
        link("servers", "Protected servers", <ServerIcon />),
      ],
    },
    {
      label: "Monitoring",
      entries: [
        link("jobs", "Backup jobs", <JobsIcon />),
        link("alerts", "Alerts", <AlertIcon />),
        link("notifications", "Notifications", <BellIcon />),
        link("activity", "Activity log", <ActivityLogIcon />),
      ],
    },
    {
      label: "Settings",
      entries: [
        link("access", "Access control (IAM)", <UsersIcon />),
        link("properties", "Properties", <SettingsIcon />),
      ],
    },
  ];
  const term = search.trim().toLowerCase();
  const shown = groups
    .map((group) => ({ ...group, entries: group.entries.filter((entry) => entry.label.toLowerCase().includes(term)) }))
    .filter((group) => group.entries.length > 0);
  return (
    <nav aria-label={`${vaultName} menu`} className="w-52 shrink-0 border-r border-border bg-surface py-3">
      <p className="px-4 pb-2 text-[12px] font-semibold text-text-secondary">{vaultName}</p>
      <div className="px-3 pb-2">
        <input
          ref={searchBox}
          type="search"
          aria-label="Search the menu"
          aria-keyshortcuts="Control+/"
          placeholder="Search (Ctrl+/)"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setSearch("");
          }}
          className="h-7 w-full rounded-sm border border-border-strong bg-surface px-2 text-[12px] hover:border-text"
        />
      </div>
      {shown.length === 0 ? <p className="px-4 py-1.5 text-[12px] text-text-secondary">No results</p> : null}
      {shown.map((group, index) => (
        <div key={group.label ?? index} role="group" aria-label={group.label}>
          {group.label ? (
            <p className="px-4 pb-1 pt-3 text-[11px] font-semibold uppercase tracking-wide text-text-secondary">
              {group.label}
            </p>
          ) : null}
          {group.entries.map((entry) => (
            <Link
              key={entry.href}
              href={entry.href}
              aria-current={entry.active ? "page" : undefined}
              className={`flex items-center gap-2 border-l-2 px-4 py-1.5 [&>svg]:text-primary ${
                entry.active
                  ? "border-primary bg-primary-lighter font-semibold"
                  : "border-transparent hover:bg-surface-muted"
              }`}
            >
              {entry.icon}
              {entry.label}
            </Link>
          ))}
        </div>
      ))}
    </nav>
  );
}
