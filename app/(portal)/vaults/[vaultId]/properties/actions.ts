"use server";

import { requireActor } from "@/lib/server/auth/session";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { createVaultCredential, revokeVaultCredential } from "@/lib/server/agents/credentials";
import type { MonitoringSettingsInput, SoftDeleteSettingsInput } from "@/lib/schemas/vault";
import { formatDateTime } from "@/lib/domain/format/time";
import { getDb } from "@/lib/server/db";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { configuredPortalUrl } from "@/lib/server/portal-url";
import { updateMonitoringSettings, updateSoftDeleteSettings } from "@/lib/server/services/vaults";
import { stateOf } from "../../../action-result";

export async function updateSoftDeleteSettingsAction(input: SoftDeleteSettingsInput) {
  const actor = await requireActor();
  const result = await updateSoftDeleteSettings(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The soft delete settings were saved.");
}

export async function updateMonitoringSettingsAction(input: MonitoringSettingsInput) {
  const actor = await requireActor();
  const result = await updateMonitoringSettings(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, () => "The monitoring settings were saved.");
}

/** The portal's address as the agent must reach it: PORTAL_URL, else the address this request came to. */
async function portalUrl(): Promise<string> {
  const configured = configuredPortalUrl();
  if (configured) return configured;
  const requestHeaders = await headers();
  const host =
    requestHeaders.get("x-forwarded-host")?.split(",")[0].trim() || requestHeaders.get("host") || "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto")?.split(",")[0].trim() || "http";
  return `${protocol}://${host}`;
}

export async function downloadVaultCredentialsAction(input: { vaultId: string }) {
  const actor = await requireActor();
  const result = await createVaultCredential(getDb(), input, actor, await portalUrl());
  if (result.ok) refresh();
  const timeZone = await viewerTimeZone();
  return stateOf(
    result,
    (data) =>
      `${data.fileName} was downloaded. It registers one server until ${formatDateTime(new Date(data.file.expiresAt), timeZone)}; keep it safe.`,
  );
}

export async function revokeVaultCredentialsAction(input: { vaultId: string; credentialId: string }) {
  const actor = await requireActor();
  const result = await revokeVaultCredential(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `The vault credentials ${data.prefix} were revoked.`);
}
