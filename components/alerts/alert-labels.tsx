import type { ReactNode } from "react";
import { SeverityCriticalIcon, SeverityErrorIcon, SeverityWarningIcon } from "@/components/icons";
import type { AlertCondition, AlertSeverity, AlertState } from "@/lib/domain/alerts/alerts";
import { SEVERITY_LABELS } from "@/lib/domain/alerts/alerts";

const SEVERITY_ICONS: Record<AlertSeverity, (props: { className?: string }) => ReactNode> = {
  Sev0: (props) => <SeverityCriticalIcon {...props} />,
  Sev1: (props) => <SeverityErrorIcon {...props} />,
  Sev2: (props) => <SeverityWarningIcon {...props} />,
};

export function SeverityIcon({ severity, className }: { severity: AlertSeverity; className?: string }) {
  return SEVERITY_ICONS[severity]({ className });
}

/** A severity as Azure Monitor shows it: its icon and "Sev1 · Error" (in a table, "Sev1", the name for screen readers and on hover). */
export function SeverityLabel({ severity, short }: { severity: AlertSeverity; short?: boolean }) {
  const [code, name] = SEVERITY_LABELS[severity].split(" · ");
  return (
    <span
      className="inline-flex items-center gap-1.5 whitespace-nowrap"
      data-severity={severity}
      title={short ? SEVERITY_LABELS[severity] : undefined}
    >
      <SeverityIcon severity={severity} className="shrink-0" />
      {short ? (
        <span>
          {code}
          <span className="sr-only"> · {name}</span>
        </span>
      ) : (
        <span>{SEVERITY_LABELS[severity]}</span>
      )}
    </span>
  );
}

const pill = "inline-flex items-center rounded-full px-2 py-px text-[12px] font-semibold leading-5 whitespace-nowrap";

const CONDITION_CLASSES: Record<AlertCondition, string> = {
  Fired: "bg-[#fde7e9] text-[#a4262c]",
  Resolved: "bg-[#dff6dd] text-[#107c10]",
};

/** The system's monitor condition: Fired while it holds, Resolved once it ended. */
export function ConditionPill({ condition }: { condition: AlertCondition }) {
  return (
    <span className={`${pill} ${CONDITION_CLASSES[condition]}`} data-condition={condition}>
      {condition}
    </span>
  );
}

const STATE_CLASSES: Record<AlertState, string> = {
  New: "bg-primary-light text-primary-pressed",
  Acknowledged: "bg-warning-bg text-[#8a6100]",
  Closed: "bg-surface-muted text-text-secondary",
};

/** The user's alert state: New, Acknowledged, Closed. */
export function StatePill({ state }: { state: AlertState }) {
  return (
    <span className={`${pill} ${STATE_CLASSES[state]}`} data-state={state}>
      {state}
    </span>
  );
}
