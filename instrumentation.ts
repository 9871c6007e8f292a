// Starts the backup engine with the Next.js server (Node.js runtime only; not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { engineEnabled, startEngineService } = await import("./lib/server/engine/service");
  if (engineEnabled()) await startEngineService();
}
