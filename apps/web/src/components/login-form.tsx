"use client";

import { useState } from "react";
import { format } from "~/i18n";
import type { Messages } from "~/i18n/messages/en";

/** The sign-in form: posts to the API through the app's own origin, then follows `next`. */
export function LoginForm(props: { next: string; labels: Messages["auth"] }) {
  const { labels } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    const res = await fetch("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) {
      window.location.assign(props.next);
    } else if (res?.status === 429) {
      setError(format(labels.tooMany, { seconds: res.headers.get("retry-after") ?? "60" }));
    } else {
      setError(res?.status === 401 ? labels.wrong : labels.failed);
    }
  }

  return (
    <form action={submit} className="form">
      <label>
        {labels.username}
        <input name="username" autoComplete="username" required />
      </label>
      <label>
        {labels.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? labels.signingIn : labels.submit}
      </button>
    </form>
  );
}
