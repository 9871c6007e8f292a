// Where the portal keeps the Backup Agents' repositories: VAULT_STORAGE_DIR (default
// ./data/vault-storage), one restic repository per server. Behind RepositoryStore, so another
// store (S3) can take the local directory's place.
import path from "node:path";
import { LocalDirectoryStore, type RepositoryStore } from "./store";

export function vaultStorageDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.VAULT_STORAGE_DIR || "data/vault-storage");
}

const state = globalThis as unknown as { vaultPortalStorage?: RepositoryStore };

export function getVaultStorage(): RepositoryStore {
  state.vaultPortalStorage ??= new LocalDirectoryStore(vaultStorageDir());
  return state.vaultPortalStorage;
}
