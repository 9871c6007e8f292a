import Link from "next/link";
import { Blade } from "@/components/portal/blade";
import { WarningIcon } from "@/components/icons";

export function NotFoundBlade() {
  return (
    <Blade crumbs={[{ label: "Home", href: "/" }]} title="Resource not found" icon={<WarningIcon />}>
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
