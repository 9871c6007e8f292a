import Link from "next/link";
import { Blade } from "@/components/portal/blade";
import { WarningIcon } from "@/components/icons";

/** The blade's title, and the browser tab's on every page that shows it. */
export const NOT_FOUND_TITLE = "Resource not found";

export function NotFoundBlade() {
  return (
    <Blade crumbs={[{ label: "Home", href: "/" }]} title={NOT_FOUND_TITLE} icon={<WarningIcon />}>
      <p className="mb-2">The resource you are looking for doesn&apos;t exist, or it was deleted.</p>
      <p>
        Go to{" "}
        <Link href="/vaults" className="text-primary hover:underline">
          Recovery Services vaults
        </Link>{" "}
        to pick a vault.
      </p>
    </Blade>
  );
}
