"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "~/components/admin/api-client";

/** Marks every in-app notification of the reader as read. */
export function MarkAllRead(props: { label: string; done: string; failed: string }) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "busy" | "done" | "failed">("idle");
  return (
    <p>
      <button
        type="button"
        disabled={state === "busy"}
        onClick={async () => {
          setState("busy");
          const result = await callApi("POST", "notifications/read", { all: true });
          setState(result.ok ? "done" : "failed");
          router.refresh();
        }}
      >
        {props.label}
      </button>{" "}
      <span role="status">
        {state === "done" ? props.done : state === "failed" ? props.failed : ""}
      </span>
    </p>
  );
}
