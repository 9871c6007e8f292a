// Starts the backup engine with the Next.js server (Node.js runtime only; not during `next build`),
// refuses the HTTP methods Next.js can't represent (lib/server/http-methods.ts) and serves the vault
// storage (lib/server/vault-storage/node-server.ts) and the agents' dump uploads
// (lib/server/agents/downloads.ts), all before Next.js sees the request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnrepresentableMethods } = await import("./lib/server/http-methods");
  refuseUnrepresentableMethods();
  const { serveVaultStorage } = await import("./lib/server/vault-storage/node-server");
  serveVaultStorage();
  const { serveDumpUploads } = await import("./lib/server/agents/downloads");
  serveDumpUploads();
  const { engineEnabled, startEngineService } = await import("./lib/server/engine/service");
  if (engineEnabled()) await startEngineService();
}
