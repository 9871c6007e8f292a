import type { ReactNode } from "react";

export type Essential = { label: string; value: ReactNode };

/**
 * The Essentials panel: label/value pairs in two columns; `aside` sits at the heading's right (the
 * JSON View link, as in Azure's portal) and `footer` spans both columns (the Tags row).
 */
export function Essentials({
  items,
  title = "Essentials",
  aside,
  footer,
}: {
  items: Essential[];
  title?: string;
  aside?: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section aria-label={title} className="mb-5 border-b border-divider pb-4">
      <div className="mb-2 flex items-center justify-between gap-4">
        <h2 className="text-[13px] font-semibold">{title}</h2>
        {aside}
      </div>
      <dl className="grid grid-cols-1 gap-x-10 gap-y-1.5 md:grid-cols-2">
        {items.map((item) => (
          <div key={item.label} className="grid grid-cols-[180px_1fr] gap-2">
            <dt className="text-text-secondary">{item.label}</dt>
            <dd className="min-w-0 break-words">{item.value}</dd>
          </div>
        ))}
      </dl>
      {footer ? <div className="mt-1.5">{footer}</div> : null}
    </section>
  );
}
