// Starts the backup engine with the Next.js server (Node.js runtime only; not during `next build`),
// and refuses the HTTP methods Next.js can't represent (lib/server/http-methods.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnrepresentableMethods } = await import("./lib/server/http-methods");
  refuseUnrepresentableMethods();
  const { engineEnabled, startEngineService } = await import("./lib/server/engine/service");
  if (engineEnabled()) await startEngineService();
}
