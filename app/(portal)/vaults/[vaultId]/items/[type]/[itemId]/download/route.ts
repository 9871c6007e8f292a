// Download of a file, or a folder as a zip archive, from a recovery point of a files-and-folders
// item: ?point=<id>&path=<absolute path>&type=file|dir. Streamed from the server's agent.
import { getDb } from "@/lib/server/db";
import { downloadFromPoint } from "@/lib/server/services/restore";
import { vaultOfRequest } from "../../../../load-vault";

const STATUS_OF_CODE: Record<string, number> = {
  AuthorizationFailed: 403,
  BadRequest: 400,
  UserErrorRecoveryPointNotFound: 404,
  UserErrorAgentNotResponding: 504,
  UserErrorBrowseFailed: 502,
};

export async function GET(request: Request, { params }: { params: Promise<{ vaultId: string; itemId: string }> }) {
  const { vaultId, itemId } = await params;
  const vault = await vaultOfRequest(request, vaultId);
  if (vault instanceof Response) return vault;
  const query = new URL(request.url).searchParams;
  const result = await downloadFromPoint(
    getDb(),
    {
      vaultId: vault.id,
      itemId,
      recoveryPointId: query.get("point") ?? "",
      path: query.get("path") ?? "",
      type: (query.get("type") ?? "") as "file",
    },
    vault.actor,
  );
  // The browser shows this page in place of the download: the reason in words, not a JSON body.
  if (!result.ok)
    return new Response(`The download couldn't start: ${result.message}\n`, {
      status: STATUS_OF_CODE[result.code] ?? 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const ascii = result.data.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(result.data.stream, {
    headers: {
      "content-type": result.data.contentType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(result.data.fileName)}`,
    },
  });
}
