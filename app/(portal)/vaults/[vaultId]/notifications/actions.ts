"use server";

import { refresh } from "next/cache";
import type { AddWebhookInput, NotificationSettingsInput, SuppressionWindowInput } from "@/lib/schemas/alerts";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import {
  addSuppressionWindow,
  addWebhook,
  removeSuppressionWindow,
  removeWebhook,
  updateNotificationSettings,
} from "@/lib/server/services/notification-settings";
import { stateOf } from "../../../action-result";

export async function updateNotificationSettingsAction(input: NotificationSettingsInput) {
  const actor = await requireActor();
  const result = await updateNotificationSettings(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The notification settings were saved.");
}

export async function addWebhookAction(input: AddWebhookInput) {
  const actor = await requireActor();
  const result = await addWebhook(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `The webhook ${data.url} was added. Copy its secret now.`);
}

export async function removeWebhookAction(input: { vaultId: string; webhookId: string }) {
  const actor = await requireActor();
  const result = await removeWebhook(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The webhook was removed.");
}

export async function addSuppressionWindowAction(input: SuppressionWindowInput) {
  const actor = await requireActor();
  const result = await addSuppressionWindow(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `The suppression window ${data.name} was added.`);
}

export async function removeSuppressionWindowAction(input: { vaultId: string; windowId: string }) {
  const actor = await requireActor();
  const result = await removeSuppressionWindow(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The suppression window was removed.");
}
