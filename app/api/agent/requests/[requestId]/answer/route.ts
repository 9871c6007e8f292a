import { agentAnswer, asAgent } from "@/lib/server/agents/http";
import { answerRequest } from "@/lib/server/agents/requests";
import { getDb } from "@/lib/server/db";

export async function POST(request: Request, { params }: { params: Promise<{ requestId: string }> }) {
  const { requestId } = await params;
  return asAgent(request, async (server, body) => agentAnswer(await answerRequest(getDb(), server, requestId, body)));
}
