// Browser-side calls for uploads, through the dashboard's own origin (cookie session).

export interface UploadReport {
  id: string;
  status: "queued" | "processing" | "completed" | "failed";
  dryRun: boolean;
  counts: {
    received: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
  };
  progress: { done: number; total: number };
  errors: { row: number; field: string; code: string; message: string }[];
  statusChanges: {
    indicator: string;
    region: string;
    current: { from: string | null; to: string };
  }[];
  failureReason: string | null;
}

export class UploadProblem extends Error {
  constructor(readonly detail: string | null) {
    super(detail ?? "unreachable");
  }
}

/** Posts a file (optionally as a dry run) and returns the new upload's id. */
export async function sendFile(file: File, dryRun: boolean): Promise<string> {
  const form = new FormData();
  form.append("file", file, file.name);
  const res = await fetch(`/api/v1/uploads${dryRun ? "?dryRun=true" : ""}`, {
    method: "POST",
    body: form,
  }).catch(() => null);
  if (!res) throw new UploadProblem(null);
  const body = (await res.json().catch(() => ({}))) as {
    uploadId?: string;
    detail?: string;
    title?: string;
  };
  if (!res.ok || !body.uploadId)
    throw new UploadProblem(body.detail ?? body.title ?? String(res.status));
  return body.uploadId;
}

/** Polls an upload until it ends, reporting its progress on the way. */
export async function followUpload(
  id: string,
  onProgress: (r: UploadReport) => void,
): Promise<UploadReport> {
  for (;;) {
    const res = await fetch(`/api/v1/uploads/${id}?errorsLimit=5000`).catch(() => null);
    if (res?.ok) {
      const report = (await res.json()) as UploadReport;
      onProgress(report);
      if (report.status === "completed" || report.status === "failed") return report;
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}
