import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { UsersIcon } from "@/components/icons";
import { Blade, Section } from "@/components/portal/blade";
import { Essentials } from "@/components/portal/essentials";
import { requireActor } from "@/lib/server/auth/session";

export const metadata = { title: "My account" };

export default async function AccountPage() {
  const actor = await requireActor();
  return (
    <Blade crumbs={[{ label: "Home", href: "/" }, { label: "My account" }]} title="My account" subtitle={actor.email} icon={<UsersIcon className="text-primary" />}>
      <Essentials
        items={[
          { label: "Name", value: actor.name },
          { label: "Email", value: actor.email },
          { label: "Role", value: actor.isOwner ? "Owner (every vault)" : "Roles per vault, in each vault's Access control (IAM)" },
        ]}
      />
      <Section title="Change password">
        <ChangePasswordForm />
      </Section>
    </Blade>
  );
}
