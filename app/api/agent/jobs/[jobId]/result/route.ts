import { agentAnswer, asAgent } from "@/lib/server/agents/http";
import { reportResult } from "@/lib/server/agents/jobs";
import { getDb } from "@/lib/server/db";

export async function POST(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  return asAgent(request, async (server, body) => agentAnswer(await reportResult(getDb(), server, jobId, body)));
}
