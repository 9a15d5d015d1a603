"use client";

/** Ends the session on the server, then returns to the sign-in page. */
export function SignOutButton(props: { label: string }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        await fetch("/api/v1/auth/logout", { method: "POST" }).catch(() => null);
        window.location.assign("/login");
      }}
    >
      {props.label}
    </button>
  );
}
