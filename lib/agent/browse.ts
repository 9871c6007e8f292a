// Answers the portal's questions about a recovery point of this server (AgentRequest): the entries
// of a folder, the files and folders whose name contains a text, or a file or folder to download. Only the agent can open the
// point: it holds the passphrase.
import path from "node:path";
import { isWithin } from "@/lib/domain/restore/file-recovery";
import { type AgentQuestion, ENTRY_TYPES, MAX_LISTED_ENTRIES, type RequestAnswer } from "@/lib/schemas/agent";
import { Transform } from "node:stream";
import type { PortalClient } from "./portal";
import {
  dump,
  findNodes,
  listNodes,
  literalPattern,
  type ResticNode,
  type ResticRepository,
  ResticError,
} from "./restic";

const typeOf = (node: ResticNode) =>
  (ENTRY_TYPES as readonly string[]).includes(node.type) ? (node.type as (typeof ENTRY_TYPES)[number]) : "other";

function entriesOf(nodes: ResticNode[]): RequestAnswer {
  const sorted = nodes.sort(
    (left, right) => Number(right.type === "dir") - Number(left.type === "dir") || left.path.localeCompare(right.path),
  );
  return {
    entries: sorted.slice(0, MAX_LISTED_ENTRIES).map((node) => ({
      name: path.posix.basename(node.path),
      path: node.path,
      type: typeOf(node),
      size: node.size,
      mtime: node.mtime,
    })),
    truncated: sorted.length > MAX_LISTED_ENTRIES,
  };
}

type Listing = Exclude<AgentQuestion, { kind: "Dump" }>;
type DumpQuestion = Extract<AgentQuestion, { kind: "Dump" }>;

export async function answerQuestion(repo: ResticRepository, question: Listing): Promise<RequestAnswer> {
  try {
    if (question.kind === "ListFolder") {
      const nodes = await listNodes(repo, question.snapshotId, [question.folder], { recursive: false });
      return entriesOf(nodes.filter((node) => node.path !== question.folder));
    }
    const nodes = await findNodes(repo, question.snapshotId, `*${literalPattern(question.pattern)}*`);
    return entriesOf(nodes.filter((node) => isWithin(node.path, question.within)));
  } catch (error) {
    if (!(error instanceof ResticError)) throw error;
    return { error: error.message.slice(0, 1000) };
  }
}

/**
 * Uploads a file or a folder (zip) of a point as restic dumps it, streamed: the upload fails, and
 * the portal discards it, when restic fails before the end.
 */
export async function uploadDump(
  client: PortalClient,
  repo: ResticRepository,
  requestId: string,
  question: DumpQuestion,
): Promise<void> {
  const { output, finished } = dump(repo, question.snapshotId, question.path, {
    archive: question.archive ?? undefined,
  });
  finished.catch(() => undefined);
  const checked = new Transform({
    transform: (chunk, _encoding, callback) => callback(null, chunk),
    // The upload ends only once restic says it dumped everything.
    flush: (callback) => {
      finished.then(() => callback(), callback);
    },
  });
  try {
    await client.upload(requestId, output.pipe(checked));
  } catch (error) {
    const failure = await finished.then(
      () => error as Error,
      (resticFailure: Error) => resticFailure,
    );
    await client.answer(requestId, { error: failure.message.slice(0, 1000) }).catch(() => undefined);
  }
}

/** Answers each of the portal's questions: a listing, or a dump's upload. */
export async function answerRequests(
  client: PortalClient,
  repo: ResticRepository,
  requests: Array<{ id: string; question: AgentQuestion }>,
  log: (message: string) => void,
): Promise<void> {
  for (const { id, question } of requests) {
    const answered =
      question.kind === "Dump"
        ? uploadDump(client, repo, id, question)
        : answerQuestion(repo, question).then((answer) => client.answer(id, answer));
    await answered.catch((error: Error) => log(`Answering the vault's question failed: ${error.message}`));
  }
}
