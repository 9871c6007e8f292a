"use client";

// The vault's Notifications blade: who hears of its alerts (e-mail, webhooks), how often and of which
// severities, when not (suppression windows), and what was sent. Actions come as props.
import { useState } from "react";
import type { ActionState } from "@/components/forms/action-state";
import { Field, FieldErrors, inputClass, PermittedSubmit } from "@/components/forms/field";
import { ConfirmedAction } from "@/components/portal/confirmed-action";
import { ActionMessage } from "@/components/portal/side-panel";
import { DataTable, EmptyState, Row, Cell } from "@/components/portal/table";
import { usePanelAction } from "@/components/portal/use-panel-action";
import { ALERT_SEVERITIES, type AlertSeverity, SEVERITY_LABELS } from "@/lib/domain/alerts/alerts";
import {
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_FREQUENCY_LABELS,
  type NotificationFrequency,
} from "@/lib/domain/alerts/notifications";

export type NotificationSettingsValues = {
  emailRecipients: string[];
  frequency: NotificationFrequency;
  severities: AlertSeverity[];
  dailySummary: boolean;
};

const FREQUENCY_HINTS: Record<NotificationFrequency, string> = {
  PerAlert: "A notification as each alert fires.",
  HourlyDigest: "One notification an hour listing the alerts fired in it.",
};

/** Recipients, frequency, severities and the daily summary. */
export function NotificationSettingsForm({
  vaultId,
  vaultName,
  current,
  denied,
  save,
}: {
  vaultId: string;
  vaultName: string;
  current: NotificationSettingsValues;
  denied: string | null;
  save: (input: NotificationSettingsValues & { vaultId: string }) => Promise<ActionState>;
}) {
  const [recipients, setRecipients] = useState(current.emailRecipients.join("\n"));
  const [frequency, setFrequency] = useState<NotificationFrequency>(current.frequency);
  const [severities, setSeverities] = useState<AlertSeverity[]>(current.severities);
  const [dailySummary, setDailySummary] = useState(current.dailySummary);
  const action = usePanelAction(`Notifications (${vaultName})`, () => undefined);
  const errors = action.state?.fieldErrors ?? {};
  // Zod names an entry's error "emailRecipients.2": shown with the field.
  const recipientErrors = Object.entries(errors)
    .filter(([field]) => field === "emailRecipients" || field.startsWith("emailRecipients."))
    .flatMap(([, messages]) => messages);
  const readOnly = denied !== null;
  return (
    <form
      className="max-w-[760px]"
      onSubmit={(event) => {
        event.preventDefault();
        const emailRecipients = recipients
          .split(/[\n,;]+/)
          .map((address) => address.trim())
          .filter(Boolean);
        action.run(() => save({ vaultId, emailRecipients, frequency, severities, dailySummary }));
      }}
    >
      <Field
        id="notification-recipients"
        label="E-mail recipients"
        hint="One address per line (at most 20). Leave empty to send no e-mail."
        errors={recipientErrors.length > 0 ? recipientErrors : undefined}
      >
        <textarea
          id="notification-recipients"
          rows={3}
          className={`${inputClass} h-auto w-full py-1`}
          value={recipients}
          readOnly={readOnly}
          onChange={(event) => setRecipients(event.target.value)}
          aria-invalid={recipientErrors.length > 0 ? true : undefined}
        />
      </Field>
      <fieldset className="mb-4 grid grid-cols-1 gap-1 md:grid-cols-[200px_minmax(0,420px)]">
        <legend className="sr-only">Frequency</legend>
        <span className="pt-1 font-semibold" aria-hidden>
          Frequency
        </span>
        <div>
          {NOTIFICATION_FREQUENCIES.map((value) => (
            <label key={value} className="mb-1 flex items-start gap-2">
              <input
                type="radio"
                name="frequency"
                className="mt-1"
                checked={frequency === value}
                disabled={readOnly}
                onChange={() => setFrequency(value)}
              />
              <span>
                {NOTIFICATION_FREQUENCY_LABELS[value]}
                <span className="block text-[12px] text-text-secondary">{FREQUENCY_HINTS[value]}</span>
              </span>
            </label>
          ))}
          <FieldErrors errors={errors.frequency} />
        </div>
      </fieldset>
      <fieldset className="mb-4 grid grid-cols-1 gap-1 md:grid-cols-[200px_minmax(0,420px)]">
        <legend className="sr-only">Severities</legend>
        <span className="pt-1 font-semibold" aria-hidden>
          Severities
        </span>
        <div>
          {ALERT_SEVERITIES.map((severity) => (
            <label key={severity} className="mb-1 flex items-center gap-2">
              <input
                type="checkbox"
                checked={severities.includes(severity)}
                disabled={readOnly}
                onChange={(event) =>
                  setSeverities((chosen) =>
                    event.target.checked
                      ? ALERT_SEVERITIES.filter((entry) => entry === severity || chosen.includes(entry))
                      : chosen.filter((entry) => entry !== severity),
                  )
                }
              />
              {SEVERITY_LABELS[severity]}
            </label>
          ))}
          <FieldErrors errors={errors.severities} />
        </div>
      </fieldset>
      <label className="mb-4 flex items-start gap-2 md:ml-[204px]">
        <input
          type="checkbox"
          className="mt-1"
          checked={dailySummary}
          disabled={readOnly}
          onChange={(event) => setDailySummary(event.target.checked)}
        />
        <span>
          Daily success summary
          <span className="block text-[12px] text-text-secondary">
            Once a day, the vault&apos;s backups of the day before: how many completed, with warnings and failed.
          </span>
        </span>
      </label>
      {action.state?.fieldErrors ? null : <ActionMessage state={action.state} />}
      <PermittedSubmit label="Save" pendingLabel="Saving…" pending={action.pending} denied={denied} className="mt-2" />
    </form>
  );
}

export type WebhookRow = { id: string; url: string; createdBy: string; created: string };

/** Webhooks: added with a URL, their signing secret shown once; removed after a confirmation. */
export function Webhooks({
  vaultId,
  webhooks,
  denied,
  add,
  remove,
}: {
  vaultId: string;
  webhooks: WebhookRow[];
  denied: string | null;
  add: (input: { vaultId: string; url: string }) => Promise<ActionState & { data?: { secret: string } }>;
  remove: (input: { vaultId: string; webhookId: string }) => Promise<ActionState>;
}) {
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const action = usePanelAction("Add webhook", () => setUrl(""));
  const errors = action.state?.fieldErrors ?? {};
  return (
    <div className="max-w-[960px]">
      {webhooks.length === 0 ? (
        <EmptyState title="No webhooks">Add a URL to receive each notification as a signed JSON POST.</EmptyState>
      ) : (
        <DataTable label="Webhooks" headers={["URL", "Added by", "Added", ""]}>
          {webhooks.map((webhook) => (
            <Row key={webhook.id}>
              <Cell className="break-all">{webhook.url}</Cell>
              <Cell>{webhook.createdBy}</Cell>
              <Cell className="whitespace-nowrap">{webhook.created}</Cell>
              <Cell>
                {denied ? null : (
                  <ConfirmedAction
                    label="Remove"
                    title="Remove webhook"
                    description={webhook.url}
                    body={<p>Notifications will no longer be sent to this URL. Deliveries already logged stay.</p>}
                    confirmLabel="Remove"
                    destructive
                    perform={() => remove({ vaultId, webhookId: webhook.id })}
                  />
                )}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <form
        className="mt-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSecret(null);
          action.run(async () => {
            const result = await add({ vaultId, url: url.trim() });
            if (result.ok && result.data) setSecret(result.data.secret);
            return result;
          });
        }}
      >
        <Field
          id="webhook-url"
          label="Webhook URL"
          hint="http:// or https://. Each POST is signed: X-VaultPortal-Signature: sha256=HMAC(secret, timestamp.body)."
          errors={errors.url}
        >
          <input
            id="webhook-url"
            className={`${inputClass} w-full`}
            value={url}
            readOnly={denied !== null}
            onChange={(event) => setUrl(event.target.value)}
            aria-invalid={errors.url ? true : undefined}
          />
        </Field>
        <PermittedSubmit
          label="Add webhook"
          pendingLabel="Adding…"
          pending={action.pending}
          denied={denied}
          disabled={url.trim() === ""}
          className="md:ml-[204px]"
        />
      </form>
      {secret ? (
        <div
          role="status"
          aria-label="Webhook secret"
          className="mt-3 border-l-4 border-primary bg-primary-lighter p-3"
        >
          <p className="font-semibold">Copy the signing secret now: it won&apos;t be shown again.</p>
          <code className="mt-1 block break-all font-mono text-[13px]">{secret}</code>
        </div>
      ) : action.state?.ok === false && !action.state.fieldErrors ? (
        <ActionMessage state={action.state} />
      ) : null}
    </div>
  );
}

export type SuppressionWindowRow = { id: string; name: string; starts: string; ends: string; active: boolean };

/** Maintenance windows: alerts still fire, their notifications are not sent. */
export function SuppressionWindows({
  vaultId,
  windows,
  denied,
  add,
  remove,
}: {
  vaultId: string;
  windows: SuppressionWindowRow[];
  denied: string | null;
  add: (input: { vaultId: string; name: string; startsAt: string; endsAt: string }) => Promise<ActionState>;
  remove: (input: { vaultId: string; windowId: string }) => Promise<ActionState>;
}) {
  const [name, setName] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const action = usePanelAction("Add suppression window", () => {
    setName("");
    setStartsAt("");
    setEndsAt("");
  });
  const errors = action.state?.fieldErrors ?? {};
  return (
    <div className="max-w-[960px]">
      {windows.length === 0 ? (
        <EmptyState title="No suppression windows">
          Add one for planned maintenance: alerts fired in it are kept but nobody is notified.
        </EmptyState>
      ) : (
        <DataTable label="Suppression windows" headers={["Name", "Starts", "Ends", "", ""]}>
          {windows.map((window) => (
            <Row key={window.id}>
              <Cell>{window.name}</Cell>
              <Cell className="whitespace-nowrap">{window.starts}</Cell>
              <Cell className="whitespace-nowrap">{window.ends}</Cell>
              <Cell>{window.active ? <span className="font-semibold">Active now</span> : null}</Cell>
              <Cell>
                {denied ? null : (
                  <ConfirmedAction
                    label="Remove"
                    title="Remove suppression window"
                    description={window.name}
                    body={<p>Alerts fired from now on in this window will be notified.</p>}
                    confirmLabel="Remove"
                    destructive
                    perform={() => remove({ vaultId, windowId: window.id })}
                  />
                )}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <form
        className="mt-3"
        onSubmit={(event) => {
          event.preventDefault();
          // datetime-local is the viewer's wall-clock time; the server gets the instant.
          const instant = (value: string) => (value ? new Date(value).toISOString() : value);
          action.run(() => add({ vaultId, name: name.trim(), startsAt: instant(startsAt), endsAt: instant(endsAt) }));
        }}
      >
        <Field id="window-name" label="Name" errors={errors.name}>
          <input
            id="window-name"
            className={`${inputClass} w-full`}
            value={name}
            readOnly={denied !== null}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
        <Field id="window-starts" label="Starts" errors={errors.startsAt}>
          <input
            id="window-starts"
            type="datetime-local"
            className={inputClass}
            value={startsAt}
            readOnly={denied !== null}
            onChange={(event) => setStartsAt(event.target.value)}
            aria-invalid={errors.startsAt ? true : undefined}
          />
        </Field>
        <Field id="window-ends" label="Ends" hint="At most 90 days after it starts." errors={errors.endsAt}>
          <input
            id="window-ends"
            type="datetime-local"
            className={inputClass}
            value={endsAt}
            readOnly={denied !== null}
            onChange={(event) => setEndsAt(event.target.value)}
            aria-invalid={errors.endsAt ? true : undefined}
          />
        </Field>
        {action.state?.fieldErrors ? null : (
          <div className="md:ml-[204px]">
            <ActionMessage state={action.state} />
          </div>
        )}
        <PermittedSubmit
          label="Add suppression window"
          pendingLabel="Adding…"
          pending={action.pending}
          denied={denied}
          className="md:ml-[204px]"
        />
      </form>
    </div>
  );
}
