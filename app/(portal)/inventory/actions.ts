"use server";

import { refresh } from "next/cache";
import type { ActionState } from "@/components/forms/action-state";
import { requireActor } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import {
  addFolder,
  addServer,
  addVirtualMachine,
  markVirtualMachineDeleted,
  registerServer,
  removeServer,
  removeVirtualMachine,
} from "@/lib/server/services/inventory";
import { invalidRequest, stateOf } from "../action-result";

const fields = (formData: FormData) =>
  Object.fromEntries([...formData.entries()].map(([key, value]) => [key, String(value)]));

/** The add forms keep what was typed when the server refuses it. */
function withValues(state: ActionState, formData: FormData): ActionState {
  return state.ok ? state : { ...state, values: fields(formData) };
}

export async function addVirtualMachineAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const result = await addVirtualMachine(getDb(), fields(formData) as never, actor);
  if (result.ok) refresh();
  return withValues(
    stateOf(result, (data) => `Virtual machine ${data.name} was added.`),
    formData,
  );
}

export async function addServerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const result = await addServer(getDb(), fields(formData) as never, actor);
  if (result.ok) refresh();
  return withValues(
    stateOf(result, (data) => `Server ${data.name} was added. Register it to a vault to protect its folders.`),
    formData,
  );
}

export async function addFolderAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  if (!(formData instanceof FormData)) return invalidRequest;
  const result = await addFolder(getDb(), fields(formData) as never, actor);
  if (result.ok) refresh();
  return withValues(
    stateOf(result, (data) => `Folder ${data.path} was added.`),
    formData,
  );
}

export async function markVirtualMachineDeletedAction(input: { id: string }) {
  const actor = await requireActor();
  const result = await markVirtualMachineDeleted(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `${data.name} was deleted. Backups of it now fail with UserErrorVmNotFoundV2.`);
}

export async function removeVirtualMachineAction(input: { id: string }) {
  const actor = await requireActor();
  const result = await removeVirtualMachine(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `${data.name} was removed from the inventory.`);
}

export async function registerServerAction(input: { serverId: string; vaultId: string }) {
  const actor = await requireActor();
  const result = await registerServer(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `The server was registered to ${data.vaultName}.`);
}

export async function removeServerAction(input: { id: string }) {
  const actor = await requireActor();
  const result = await removeServer(getDb(), input, actor);
  if (result.ok) refresh();
  return stateOf(result, (data) => `${data.name} was removed from the inventory.`);
}
