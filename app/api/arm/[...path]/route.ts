// The Azure-compatible REST API (lib/server/arm): ARM paths of Microsoft.RecoveryServices.
import { handleArmRequest } from "@/lib/server/arm/handler";

type Context = { params: Promise<{ path: string[] }> };

async function handle(request: Request, context: Context): Promise<Response> {
  return handleArmRequest(request, (await context.params).path);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
