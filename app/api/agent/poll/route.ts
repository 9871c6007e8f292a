import { agentAnswer, asAgent } from "@/lib/server/agents/http";
import { pollForJob } from "@/lib/server/agents/jobs";
import { getDb } from "@/lib/server/db";

/** The agent's long poll for work; it also reports the server's folders. */
export async function POST(request: Request) {
  return asAgent(request, async (server, body) => agentAnswer(await pollForJob(getDb(), server, body, request.signal)));
}
