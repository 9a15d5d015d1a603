// Sends the grid's figures as one JSON batch of kind `form`, through the dashboard's own origin.

export type SendResult = { ok: true; uploadId: string } | { ok: false; detail: string };

/** Posts `body` (`{observations, dryRun}`) to the API; the key makes a repeated click harmless. */
export async function sendEntries(body: string, idempotencyKey: string): Promise<SendResult> {
  const payload = { ...(JSON.parse(body) as object), kind: "form" };
  const res = await fetch("/api/v1/observations", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
    body: JSON.stringify(payload),
  }).catch(() => null);
  if (!res) return { ok: false, detail: "the server could not be reached" };
  const answer = (await res.json().catch(() => ({}))) as {
    uploadId?: string;
    detail?: string;
    title?: string;
  };
  if (res.ok && answer.uploadId) return { ok: true, uploadId: answer.uploadId };
  return { ok: false, detail: answer.detail ?? answer.title ?? String(res.status) };
}
