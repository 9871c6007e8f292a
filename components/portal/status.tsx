import type { ReactNode } from "react";
import { JOB_STATUS_LABELS, type JobStatus } from "@/lib/domain/jobs/display";
import { jobStatusTone, PRE_CHECK_TONES, type PreCheckStatus, type Tone } from "@/lib/domain/protection/display";
import {
  CancelledIcon,
  ErrorIcon,
  InfoIcon,
  InProgressIcon,
  SkippedIcon,
  SuccessIcon,
  WarningIcon,
} from "@/components/icons";

const TONE_ICONS: Record<Tone, () => ReactNode> = {
  success: () => <SuccessIcon />,
  warning: () => <WarningIcon />,
  error: () => <ErrorIcon />,
  info: () => <InfoIcon />,
  progress: () => <InProgressIcon />,
  neutral: () => <SkippedIcon />,
};

/** An icon and a label, coloured by tone. */
export function StatusLabel({ tone, label }: { tone: Tone; label: string }) {
  return (
    <span className={`inline-flex items-center gap-1.5 ${tone === "error" ? "text-error" : ""}`} data-tone={tone}>
      {TONE_ICONS[tone]()}
      <span>{label}</span>
    </span>
  );
}

export function JobStatusLabel({ status }: { status: JobStatus }) {
  if (status === "Cancelled") {
    return (
      <span className="inline-flex items-center gap-1.5" data-tone="neutral">
        <CancelledIcon />
        <span>{JOB_STATUS_LABELS[status]}</span>
      </span>
    );
  }
  return <StatusLabel tone={jobStatusTone(status)} label={JOB_STATUS_LABELS[status]} />;
}

export function PreCheckLabel({ status }: { status: PreCheckStatus }) {
  return <StatusLabel tone={PRE_CHECK_TONES[status]} label={status} />;
}
