import { agentAnswer, asAgent } from "@/lib/server/agents/http";
import { serverRecoveryPoints } from "@/lib/server/agents/recovery";
import { getDb } from "@/lib/server/db";

export async function POST(request: Request) {
  return asAgent(request, async (server) => agentAnswer(await serverRecoveryPoints(getDb(), server)));
}
