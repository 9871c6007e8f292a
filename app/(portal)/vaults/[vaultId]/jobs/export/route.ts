// Export of the Backup jobs list: the jobs the list's filters match, as CSV.
import { jobsCsv } from "@/lib/domain/jobs/csv";
import { jobFiltersSchema } from "@/lib/schemas/jobs";
import { getDb } from "@/lib/server/db";
import { fieldErrorsOf } from "@/lib/server/result";
import { exportJobs } from "@/lib/server/services/jobs";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";
import { vaultOfRequest } from "../../load-vault";

export async function GET(request: Request, { params }: { params: Promise<{ vaultId: string }> }) {
  const vault = await vaultOfRequest(request, (await params).vaultId);
  if (vault instanceof Response) return vault;
  const parsed = jobFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const details = Object.entries(fieldErrorsOf(parsed.error)).map(([target, messages]) => ({
      code: "InvalidParameter",
      target,
      message: messages.join(" "),
    }));
    return Response.json(
      { error: { code: "BadRequest", message: "Some filters are not valid.", details } },
      { status: 400 },
    );
  }
  const now = new Date();
  const timeZone = await viewerTimeZone();
  const jobs = await exportJobs(getDb(), vault.id, parsed.data, now, timeZone);
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return new Response(jobsCsv(jobs, timeZone, now), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="backup-jobs-${vault.name}-${stamp}.csv"`,
    },
  });
}
