"use client";

import type { ServerAction } from "@/components/forms/action-state";
import { useState } from "react";
import { inputClass } from "@/components/forms/field";
import { PlusIcon } from "@/components/icons";
import { CommandBar, CommandButton } from "@/components/portal/command-bar";
import { ConfirmedAction } from "@/components/portal/confirmed-action";
import { ActionMessage, ActionPanel } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

/** New API token: a name and an optional expiry; the token is shown once, here. */
export function NewApiToken({
  create,
}: {
  create: ServerAction<{ name: string; expiresInDays: string }, { token: string }>;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [token, setToken] = useState<string>();
  const action = usePanelAction("New API token", () => undefined);
  const errors = action.state?.fieldErrors ?? {};
  return (
    <>
      <CommandBar label="API token commands">
        <CommandButton icon={<PlusIcon />} onClick={() => (setOpen(true), setToken(undefined), setName(""))}>
          New API token
        </CommandButton>
      </CommandBar>
      <ActionPanel
        open={open}
        onOpenChange={setOpen}
        title="New API token"
        description="It acts as you, with your roles, on the portal's API."
        action={action}
        submitLabel="Create"
        disabled={Boolean(token)}
        onSubmit={() =>
          action.run(async () => {
            const result = await create({ name, expiresInDays: days });
            if (result.ok && result.data) setToken(result.data.token);
            return result;
          })
        }
      >
        <label htmlFor="token-name" className="mb-1 font-semibold">
          Name
        </label>
        <input
          id="token-name"
          className={`${inputClass} mb-1 w-full`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={errors.name ? true : undefined}
        />
        {errors.name?.map((error) => (
          <p key={error} role="alert" className="text-[12px] text-error">
            {error}
          </p>
        ))}
        <label htmlFor="token-days" className="mb-1 mt-3 font-semibold">
          Expires after (days; empty for never)
        </label>
        <input
          id="token-days"
          className={`${inputClass} w-32`}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          aria-invalid={errors.expiresInDays ? true : undefined}
        />
        {errors.expiresInDays?.map((error) => (
          <p key={error} role="alert" className="text-[12px] text-error">
            {error}
          </p>
        ))}
        {token ? (
          <div className="mt-4">
            <label htmlFor="token-value" className="mb-1 block font-semibold">
              Your token (shown once)
            </label>
            <input
              id="token-value"
              readOnly
              value={token}
              className={`${inputClass} w-full font-mono text-[12px]`}
              onFocus={(event) => event.target.select()}
            />
          </div>
        ) : null}
        {action.state?.fieldErrors ? null : <ActionMessage state={action.state} />}
      </ActionPanel>
    </>
  );
}

export function RevokeApiToken({
  tokenId,
  name,
  revoke,
}: {
  tokenId: string;
  name: string;
  revoke: ServerAction<{ tokenId: string }>;
}) {
  return (
    <ConfirmedAction
      label="Revoke"
      title="Revoke API token"
      description={name}
      body="Scripts using this token stop working at once."
      confirmLabel="Revoke"
      destructive
      perform={() => revoke({ tokenId })}
    />
  );
}
