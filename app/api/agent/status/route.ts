import { agentAnswer, asAgent } from "@/lib/server/agents/http";
import { serverStatus } from "@/lib/server/agents/jobs";
import { getDb } from "@/lib/server/db";

export async function POST(request: Request) {
  return asAgent(request, async (server) => agentAnswer(await serverStatus(getDb(), server)));
}
