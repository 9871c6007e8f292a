import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentActor } from "@/lib/server/auth/session";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await currentActor()) redirect("/");
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-[20px] font-semibold">Sign in</h1>
      <p className="mb-6 text-text-secondary">to manage your Recovery Services vaults.</p>
      <SignInForm next={next} />
    </>
  );
}
