import { BellIcon } from "@/components/icons";
import {
  NotificationSettingsForm,
  SuppressionWindows,
  Webhooks,
  type NotificationSettingsValues,
} from "@/components/alerts/notification-settings";
import { Blade, Section } from "@/components/portal/blade";
import { StatusLabel } from "@/components/portal/status";
import { Cell, DataTable, EmptyState, Row } from "@/components/portal/table";
import { denial } from "@/lib/domain/access/permissions";
import { formatDateTime } from "@/lib/domain/format/time";
import { getDb } from "@/lib/server/db";
import { getNotificationSettings, listDeliveries } from "@/lib/server/services/notification-settings";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { loadVault, vaultBladeTitle, vaultCrumbs } from "../load-vault";
import {
  addSuppressionWindowAction,
  addWebhookAction,
  removeSuppressionWindowAction,
  removeWebhookAction,
  updateNotificationSettingsAction,
} from "./actions";

export const generateMetadata = vaultBladeTitle("Notifications");

const DELIVERY_TONES = { Delivered: "success", Pending: "info", Failed: "error", Suppressed: "neutral" } as const;
const KIND_LABELS = { Alert: "Alert", Digest: "Hourly digest", DailySummary: "Daily summary" } as const;

export default async function NotificationsPage({ params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await loadVault((await params).vaultId);
  const db = getDb();
  const [settings, deliveries, timeZone] = await Promise.all([
    getNotificationSettings(db, vault.id, vault.actor),
    listDeliveries(db, vault.id, vault.actor, { take: 50 }),
    viewerTimeZone(),
  ]);
  if (!settings.ok || !deliveries.ok) throw new Error("The vault's notification settings could not be read.");
  const denied = denial(vault.grant, "notificationSettings");
  const now = new Date();
  const current: NotificationSettingsValues = {
    emailRecipients: settings.data.emailRecipients,
    frequency: settings.data.frequency,
    severities: settings.data.severities,
    dailySummary: settings.data.dailySummary,
  };
  return (
    <Blade
      crumbs={[...vaultCrumbs(vault), { label: "Notifications" }]}
      title="Notifications"
      subtitle={vault.name}
      icon={<BellIcon />}
    >
      <Section title="Notify">
        <NotificationSettingsForm
          vaultName={vault.name}
          current={current}
          denied={denied}
          vaultId={vault.id}
          save={updateNotificationSettingsAction}
        />
      </Section>
      <Section title="Webhooks">
        <Webhooks
          denied={denied}
          webhooks={settings.data.webhooks.map((webhook) => ({
            id: webhook.id,
            url: webhook.url,
            createdBy: webhook.createdBy,
            created: formatDateTime(webhook.createdAt, timeZone),
          }))}
          vaultId={vault.id}
          add={addWebhookAction}
          remove={removeWebhookAction}
        />
      </Section>
      <Section title="Suppression windows">
        <SuppressionWindows
          denied={denied}
          windows={settings.data.suppressionWindows.map((window) => ({
            id: window.id,
            name: window.name,
            starts: formatDateTime(window.startsAt, timeZone),
            ends: formatDateTime(window.endsAt, timeZone),
            active: window.startsAt <= now && now < window.endsAt,
          }))}
          vaultId={vault.id}
          add={addSuppressionWindowAction}
          remove={removeSuppressionWindowAction}
        />
      </Section>
      <Section title="Delivery log">
        {deliveries.data.length === 0 ? (
          <EmptyState title="Nothing sent yet">
            {"Notifications of this vault's alerts will be listed here."}
          </EmptyState>
        ) : (
          <DataTable
            label="Delivery log"
            headers={["Created", "Kind", "Channel", "Recipient", "Subject", "Status", "Attempts", "Last answer"]}
          >
            {deliveries.data.map((delivery) => {
              const last = delivery.attemptLog[0];
              return (
                <Row key={delivery.id}>
                  <Cell className="whitespace-nowrap">{formatDateTime(delivery.createdAt, timeZone)}</Cell>
                  <Cell className="whitespace-nowrap">{KIND_LABELS[delivery.kind]}</Cell>
                  <Cell>{delivery.channel === "Email" ? "E-mail" : "Webhook"}</Cell>
                  <Cell className="break-all">{delivery.recipient}</Cell>
                  <Cell>{delivery.subject}</Cell>
                  <Cell className="whitespace-nowrap">
                    <StatusLabel tone={DELIVERY_TONES[delivery.status]} label={delivery.status} />
                    {delivery.status === "Pending" && delivery.attempts > 0 ? (
                      <span className="block text-[12px] text-text-secondary">
                        Next try {formatDateTime(delivery.nextAttemptAt, timeZone)}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell>{delivery.attempts}</Cell>
                  <Cell className="max-w-[280px] break-words text-[12px]">
                    {last
                      ? `${last.statusCode ? `${last.statusCode} · ` : ""}${last.response}`
                      : (delivery.lastError ?? "")}
                  </Cell>
                </Row>
              );
            })}
          </DataTable>
        )}
      </Section>
    </Blade>
  );
}
