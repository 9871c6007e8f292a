"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  BackupIcon,
  JobsIcon,
  OverviewIcon,
  PolicyIcon,
  ServerIcon,
  SettingsIcon,
  UsersIcon,
} from "@/components/icons";

/** The vault's own left menu, as in the portal's resource blades. */
export function ResourceMenu({ vaultId, vaultName }: { vaultId: string; vaultName: string }) {
  const pathname = usePathname();
  const base = `/vaults/${vaultId}`;
  const entries = [
    { href: base, label: "Overview", icon: <OverviewIcon />, active: pathname === base },
    {
      href: `${base}/items`,
      label: "Backup items",
      icon: <BackupIcon />,
      active: pathname.startsWith(`${base}/items`),
    },
    { href: `${base}/jobs`, label: "Backup jobs", icon: <JobsIcon />, active: pathname.startsWith(`${base}/jobs`) },
    {
      href: `${base}/policies`,
      label: "Backup policies",
      icon: <PolicyIcon />,
      active: pathname.startsWith(`${base}/policies`),
    },
    {
      href: `${base}/servers`,
      label: "Protected servers",
      icon: <ServerIcon />,
      active: pathname.startsWith(`${base}/servers`),
    },
    {
      href: `${base}/activity`,
      label: "Activity log",
      icon: <JobsIcon />,
      active: pathname.startsWith(`${base}/activity`),
    },
    {
      href: `${base}/access`,
      label: "Access control (IAM)",
      icon: <UsersIcon />,
      active: pathname.startsWith(`${base}/access`),
    },
    {
      href: `${base}/properties`,
      label: "Properties",
      icon: <SettingsIcon />,
      active: pathname.startsWith(`${base}/properties`),
    },
  ];
  return (
    <nav aria-label={`${vaultName} menu`} className="w-52 shrink-0 border-r border-border bg-surface py-3">
      <p className="px-4 pb-2 text-[12px] font-semibold text-text-secondary">{vaultName}</p>
      {entries.map((entry) => (
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
    </nav>
  );
}
