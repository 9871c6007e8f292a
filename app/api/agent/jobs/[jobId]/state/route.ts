import { agentAnswer, asAgent } from "@/lib/server/agents/http";
import { recoveryState } from "@/lib/server/agents/recovery";
import { getDb } from "@/lib/server/db";

export async function POST(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  return asAgent(request, async (server) => agentAnswer(await recoveryState(getDb(), server, jobId)));
}
