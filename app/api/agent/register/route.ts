import { registerAgentServer } from "@/lib/server/agents/credentials";
import { agentAnswer } from "@/lib/server/agents/http";
import { readArmBody } from "@/lib/server/arm/body";
import { getDb } from "@/lib/server/db";
import type { RegisterRequest } from "@/lib/schemas/agent";

/** `agent register`: vault credentials in, the server's own credential out. */
export async function POST(request: Request) {
  const body = await readArmBody(request);
  if (!body.ok) return body.response;
  return agentAnswer(await registerAgentServer(getDb(), (body.body ?? {}) as RegisterRequest), 201);
}
