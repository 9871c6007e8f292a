import { agentAnswer, asAgent } from "@/lib/server/agents/http";
import { queueAgentRecovery } from "@/lib/server/agents/recovery";
import { getDb } from "@/lib/server/db";

export async function POST(request: Request) {
  return asAgent(request, async (server, body) => agentAnswer(await queueAgentRecovery(getDb(), server, body), 202));
}
