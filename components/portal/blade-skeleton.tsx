/** What a blade shows while its data loads. */
export function BladeSkeleton() {
  return (
    <section className="min-h-full bg-surface px-6 pt-3" aria-busy="true" aria-label="Loading">
      <div className="h-3 w-64 animate-pulse rounded bg-surface-muted" />
      <div className="mt-3 h-6 w-80 animate-pulse rounded bg-surface-muted" />
      <p role="status" className="mt-4 flex items-center gap-2 text-text-secondary">
        <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-primary-tint border-t-primary" />
        Loading…
      </p>
      <div className="mt-4 space-y-2">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="h-8 animate-pulse rounded bg-surface-alt" />
        ))}
      </div>
    </section>
  );
}
