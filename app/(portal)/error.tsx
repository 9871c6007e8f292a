"use client";

// Any blade that fails to load shows this instead of a stack trace; the details go to the server log.
import Link from "next/link";
import { ErrorIcon } from "@/components/icons";
import { Blade } from "@/components/portal/blade";
import { primaryButtonClass, secondaryButtonClass } from "@/components/forms/field";

export default function BladeError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Blade crumbs={[{ label: "Home", href: "/" }]} title="Something went wrong" icon={<ErrorIcon />}>
      <p className="mb-2">
        This blade couldn&apos;t be loaded. Try again; if it keeps failing, check that the database is reachable (see
        /api/health).
      </p>
      {error.digest ? (
        <p className="mb-4 text-[12px] text-text-secondary">Reference for the server log: {error.digest}</p>
      ) : null}
      <div className="flex gap-2">
        <button type="button" className={primaryButtonClass} onClick={reset}>
          Try again
        </button>
        <Link href="/" className={secondaryButtonClass}>
          Go to the dashboard
        </Link>
      </div>
    </Blade>
  );
}
