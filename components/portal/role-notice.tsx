/** Why the user's role doesn't offer this blade's form. */
export function RoleNotice({ reason }: { reason: string }) {
  return (
    <p role="alert" className="rounded-sm bg-warning-bg px-3 py-2">
      {reason}
    </p>
  );
}
