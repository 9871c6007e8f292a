// Inline SVG icons in the Fluent style; decorative unless given a title.
import type { ReactNode, SVGProps } from "react";

type IconProps = SVGProps<SVGSVGElement> & { title?: string };

function Icon({ title, children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width={16}
      height={16}
      aria-hidden={title ? undefined : true}
      role={title ? "img" : undefined}
      {...props}
    >
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

export const SuccessIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="7" fill="#107c10" />
    <path d="M4.5 8.2l2.3 2.3 4.7-4.9" stroke="#fff" strokeWidth="1.5" fill="none" />
  </Icon>
);

export const ErrorIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="7" fill="#a4262c" />
    <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" strokeWidth="1.5" />
  </Icon>
);

export const WarningIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 1.5l7 13H1z" fill="#d83b01" />
    <path d="M8 6v4.2M8 11.6v1.2" stroke="#fff" strokeWidth="1.4" />
  </Icon>
);

export const InfoIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="7" fill="#0078d4" />
    <path d="M8 7v4.5M8 4.5v1.2" stroke="#fff" strokeWidth="1.5" />
  </Icon>
);

export const InProgressIcon = (props: IconProps) => (
  <Icon {...props} style={{ animation: "spin 1.6s linear infinite" }}>
    <circle cx="8" cy="8" r="6" stroke="#c7e0f4" strokeWidth="2" fill="none" />
    <path d="M8 2a6 6 0 0 1 6 6" stroke="#0078d4" strokeWidth="2" fill="none" />
  </Icon>
);

export const CancelledIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="6.3" stroke="#605e5c" strokeWidth="1.4" fill="none" />
    <path d="M3.6 12.4l8.8-8.8" stroke="#605e5c" strokeWidth="1.4" />
  </Icon>
);

export const SkippedIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="6.3" stroke="#a19f9d" strokeWidth="1.4" fill="none" />
    <path d="M5 8h6" stroke="#a19f9d" strokeWidth="1.4" />
  </Icon>
);

export const VaultIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.2" fill="#0078d4" />
    <circle cx="8" cy="8" r="3" fill="none" stroke="#fff" strokeWidth="1.2" />
    <path d="M8 6.3V8l1.2 1" stroke="#fff" strokeWidth="1" fill="none" />
  </Icon>
);

export const VmIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="1.5" y="2.5" width="13" height="9" rx="0.8" fill="#0078d4" />
    <path d="M5 14h6M8 11.5V14" stroke="#605e5c" strokeWidth="1.3" />
  </Icon>
);

export const ServerIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3" y="1.5" width="10" height="13" rx="0.8" fill="#605e5c" />
    <path d="M5 4.5h6M5 7h6" stroke="#fff" strokeWidth="1" />
    <circle cx="8" cy="11.5" r="1" fill="#7fba00" />
  </Icon>
);

export const PlusIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 2.5v11M2.5 8h11" stroke="currentColor" strokeWidth="1.3" />
  </Icon>
);

export const DeleteIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3 4.5h10M6 4.5V3h4v1.5M4.5 4.5l.7 9h5.6l.7-9" stroke="currentColor" strokeWidth="1.1" fill="none" />
  </Icon>
);

export const RefreshIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v2.7h-2.7" stroke="currentColor" strokeWidth="1.2" fill="none" />
  </Icon>
);

export const PinIcon = (props: IconProps) => (
  <Icon {...props}>
    <path
      d="M9.5 1.8l4.7 4.7-1.6.5-2.6 2.6.3 2.9-1 1-2.5-2.5L3 14.8l-.3-.3 3.8-3.8L4 8.2l1-1 2.9.3L10.5 5z"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.1"
    />
  </Icon>
);

export const BackupIcon = (props: IconProps) => (
  <Icon {...props}>
    <path
      d="M4.5 12.5h7a3 3 0 0 0 .3-6 4 4 0 0 0-7.6 1A2.5 2.5 0 0 0 4.5 12.5z"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.1"
    />
    <path d="M8 11V7.5M6.5 9L8 7.5 9.5 9" stroke="currentColor" strokeWidth="1.1" fill="none" />
  </Icon>
);

export const StopIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3.5" y="3.5" width="9" height="9" rx="1" fill="none" stroke="currentColor" strokeWidth="1.2" />
  </Icon>
);

export const PlayIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M5 3.2v9.6L12.5 8z" fill="none" stroke="currentColor" strokeWidth="1.2" />
  </Icon>
);

export const PolicyIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <path d="M5.5 7.5h5M5.5 10h5" stroke="currentColor" strokeWidth="1" />
  </Icon>
);

export const UndoIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M5 4L2.5 6.5 5 9M2.5 6.5h7a3.5 3.5 0 0 1 0 7H7" stroke="currentColor" strokeWidth="1.2" fill="none" />
  </Icon>
);

/** A clock turned back: restore from a point in time. */
export const RestoreIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.2h2.2" stroke="currentColor" strokeWidth="1.2" fill="none" />
    <path d="M8 5v3.2l2 1.3" stroke="currentColor" strokeWidth="1.2" fill="none" />
  </Icon>
);

export const SearchIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="6.8" cy="6.8" r="4.3" fill="none" stroke="currentColor" strokeWidth="1.2" />
    <path d="M10 10l4 4" stroke="currentColor" strokeWidth="1.2" />
  </Icon>
);

export const HomeIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2 7.5L8 2.5l6 5M3.5 6.5v7h3.5v-4h2v4h3.5v-7" fill="none" stroke="currentColor" strokeWidth="1.1" />
  </Icon>
);

export const DashboardIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2" y="2" width="5" height="7" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <rect x="9" y="2" width="5" height="4" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <rect x="2" y="11" width="5" height="3" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <rect x="9" y="8" width="5" height="6" fill="none" stroke="currentColor" strokeWidth="1.1" />
  </Icon>
);

export const JobsIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2.5 4h11M2.5 8h11M2.5 12h7" stroke="currentColor" strokeWidth="1.2" />
  </Icon>
);

export const OverviewIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2" y="2" width="12" height="12" rx="1" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <path d="M5 10.5V8M8 10.5V5.5M11 10.5V7" stroke="currentColor" strokeWidth="1.3" />
  </Icon>
);

export const BellIcon = (props: IconProps) => (
  <Icon {...props}>
    <path
      d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1 1H3zM6.5 13.5a1.5 1.5 0 0 0 3 0"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.1"
    />
  </Icon>
);

export const DownloadIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 2.5v8M4.8 7.5L8 10.7l3.2-3.2M3 13.5h10" fill="none" stroke="currentColor" strokeWidth="1.2" />
  </Icon>
);

export const CalendarIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2.5" y="3.5" width="11" height="10" rx="1" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <path d="M2.5 6.5h11M5.5 2v3M10.5 2v3" stroke="currentColor" strokeWidth="1.1" />
  </Icon>
);

export const SettingsIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3 4.5h10M3 8h10M3 11.5h10" stroke="currentColor" strokeWidth="1.1" />
    <circle cx="6" cy="4.5" r="1.3" fill="#fff" stroke="currentColor" strokeWidth="1.1" />
    <circle cx="10.5" cy="8" r="1.3" fill="#fff" stroke="currentColor" strokeWidth="1.1" />
    <circle cx="5" cy="11.5" r="1.3" fill="#fff" stroke="currentColor" strokeWidth="1.1" />
  </Icon>
);

export const UsersIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="6" cy="5.5" r="2.3" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <path d="M2 13.5c.4-2.3 2-3.6 4-3.6s3.6 1.3 4 3.6" fill="none" stroke="currentColor" strokeWidth="1.1" />
    <circle cx="11.2" cy="6" r="1.8" fill="none" stroke="currentColor" strokeWidth="1" />
    <path d="M10.5 9.9c1.8 0 3.1 1.1 3.5 3" fill="none" stroke="currentColor" strokeWidth="1" />
  </Icon>
);

export const AlertIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 1.2l7.2 13.3H.8z" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    <path d="M8 5.8v4.4M8 11.6v1.3" stroke="currentColor" strokeWidth="1.4" />
  </Icon>
);

/** Azure Monitor's severity icons: Sev0 Critical, Sev1 Error, Sev2 Warning. */
export const SeverityCriticalIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="7" fill="#a80000" />
    <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" strokeWidth="1.6" />
  </Icon>
);

export const SeverityErrorIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="7" fill="#e81123" />
    <path d="M8 4v5M8 10.8v1.4" stroke="#fff" strokeWidth="1.6" />
  </Icon>
);

export const SeverityWarningIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 1.2l7.2 13.3H.8z" fill="#ff8c00" />
    <path d="M8 5.8v4.4M8 11.6v1.3" stroke="#fff" strokeWidth="1.5" />
  </Icon>
);
