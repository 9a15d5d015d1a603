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
  errors: {
    row: number;
    field: string;
    code: string;
    message: string;
    params?: Record<string, unknown> | null;
  }[];
  /** Validation rules' and outlier warnings: the rows were kept. */
  warnings?: {
    row: number;
    code: string;
    message: string;
    params?: Record<string, unknown> | null;
  }[];
  statusChanges: {
    indicator: string;
    region: string;
    current: { from: string | null; to: string };
  }[];
  failureReason: string | null;
}

export class UploadProblem extends Error {
  constructor(
    readonly detail: string | null,
    readonly code?: string,
    readonly params?: Record<string, unknown>,
  ) {
    super(detail ?? "unreachable");
  }
}

/** Bytes of the request body sent so far (the browser's own upload progress). */
export type SentProgress = (loaded: number, total: number) => void;

/**
 * Posts a file (optionally as a dry run) and returns the new upload's id. XMLHttpRequest, not
 * fetch: only it reports the bytes sent, which is most of the wait for a large file.
 */
export function sendFile(file: File, dryRun: boolean, onSent?: SentProgress): Promise<string> {
  const form = new FormData();
  form.append("file", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/uploads${dryRun ? "?dryRun=true" : ""}`);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => onSent?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new UploadProblem(null));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText) as {
        uploadId?: string;
        detail?: string;
        title?: string;
        code?: string;
        params?: Record<string, unknown>;
      };
      if (xhr.status >= 200 && xhr.status < 300 && body.uploadId) return resolve(body.uploadId);
      reject(
        new UploadProblem(body.detail ?? body.title ?? String(xhr.status), body.code, body.params),
      );
    };
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
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
