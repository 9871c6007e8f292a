// Questions the portal puts to a server's agent and waits for (AgentRequest): what a recovery point
// holds, which only the agent can read. The agent takes them with its poll, before any job, and
// answers each once; the asker waits a few seconds and removes the question either way.
import { type AgentQuestion, type RequestAnswer, requestAnswerSchema } from "@/lib/schemas/agent";
import type { Db } from "@/lib/server/db";
import { fail, invalid, ok, type ServiceResult } from "@/lib/server/result";
import type { AuthenticatedServer } from "./credentials";
import { wakeAgents } from "./wake";

/** How long the portal waits for an answer: an agent that is idle answers within its poll. */
export const ANSWER_TIMEOUT_MS = 15_000;
const CHECK_INTERVAL_MS = 200;

/** Asks the server's agent; null when it didn't answer in time (offline, or busy with a job). */
export async function askAgent(
  db: Db,
  serverId: string,
  question: AgentQuestion,
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<RequestAnswer | null> {
  const { id } = await db.agentRequest.create({ data: { serverId, question }, select: { id: true } });
  wakeAgents();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, CHECK_INTERVAL_MS));
      const asked = await db.agentRequest.findUnique({ where: { id }, select: { answer: true, answeredAt: true } });
      if (asked?.answeredAt) return asked.answer as RequestAnswer;
    }
    return null;
  } finally {
    await db.agentRequest.deleteMany({ where: { id } });
  }
}

/** Removes the server's questions a portal process left when it stopped while it waited for them. */
export async function removeAbandonedRequests(db: Db, serverId: string) {
  await db.agentRequest.deleteMany({
    where: { serverId, answeredAt: null, createdAt: { lt: new Date(Date.now() - 2 * ANSWER_TIMEOUT_MS) } },
  });
}

/** The server's questions no one answered yet, oldest first. */
export async function pendingRequests(db: Db, serverId: string) {
  const pending = await db.agentRequest.findMany({
    where: { serverId, answeredAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, question: true },
    take: 10,
  });
  return pending.map((request) => ({ id: request.id, question: request.question as AgentQuestion }));
}

/** The agent's answer to one of its server's questions; the first answer counts. */
export async function answerRequest(
  db: Db,
  server: AuthenticatedServer,
  requestId: string,
  input: unknown,
): Promise<ServiceResult<{ accepted: boolean }>> {
  const parsed = requestAnswerSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const answered = await db.agentRequest.updateMany({
    where: { id: requestId, serverId: server.id, answeredAt: null },
    data: { answer: parsed.data, answeredAt: new Date() },
  });
  if (answered.count === 0) return fail("Conflict", "The question was answered already, or given up.");
  return ok({ accepted: true });
}
