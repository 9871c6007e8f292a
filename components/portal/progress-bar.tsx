/** A thin progress bar with its percentage. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <span className="flex items-center gap-2">
      <span
        role="progressbar"
        aria-label={label}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        className="block h-1.5 w-24 rounded-full bg-surface-muted"
      >
        <span className="block h-1.5 rounded-full bg-primary" style={{ width: `${percent}%` }} />
      </span>
      {percent} %
    </span>
  );
}
