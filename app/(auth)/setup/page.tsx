import Link from "next/link";
import { SetupOwnerForm } from "@/components/auth/setup-owner-form";
import { ownerExists, setupTokenValid } from "@/lib/server/auth/users";
import { getDb } from "@/lib/server/db";
import { setupOwnerAction } from "../actions";

export const metadata = { title: "Set up" };

/** The first-run link `npm start` prints when ADMIN_EMAIL isn't set. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const db = getDb();
  const usable = !(await ownerExists(db)) && (await setupTokenValid(db, token));
  return (
    <>
      <h1 className="mb-1 text-[20px] font-semibold">Set up Vault Portal</h1>
      {usable ? (
        <>
          <p className="mb-6 text-text-secondary">
            Create the Owner: the account that manages users and their roles on every vault.
          </p>
          <SetupOwnerForm setupOwner={setupOwnerAction} token={token} />
        </>
      ) : (
        <p className="text-text-secondary">
          This set-up link is not valid. If the Owner exists already,{" "}
          <Link href="/sign-in" className="text-primary hover:underline">
            sign in
          </Link>
          ; otherwise use the link the server printed when it started.
        </p>
      )}
    </>
  );
}
