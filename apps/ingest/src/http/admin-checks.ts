// Refusals of the administration routes that a schema cannot express: a weak password, a
// limit to no region, a token lifetime outside the policy. Each is a 422 naming its field.
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@spm/db";
import { describePasswordProblem, describePasswordProblemAll } from "@spm/kpi";
import { checkPassword, type PasswordOwner } from "@spm/services";
import type { Request } from "express";
import { localeOf } from "./locale";
import { HttpProblem } from "./problem";

function unprocessable(field: string, code: string, message: string, extra = {}): HttpProblem {
  return new HttpProblem(422, "Unprocessable Content", message, {
    code,
    invalid: [{ field, message }],
    ...extra,
  });
}

/** Refuses a password the policy refuses, saying why in the reader's language. */
export function assertPasswordAccepted(req: Request, password: string, owner: PasswordOwner) {
  const verdict = checkPassword(password, owner);
  if (verdict.ok) return;
  const message = describePasswordProblem(verdict.code, verdict.params, localeOf(req));
  throw unprocessable("password", verdict.code, message, {
    params: verdict.params,
    messages: describePasswordProblemAll(verdict.code, verdict.params),
  });
}

/** Absent or null regions mean every region; an empty list (a limit to no place) is refused. */
export function assertRegionsNamed(regions: string[] | null | undefined): void {
  if (regions?.length !== 0) return;
  throw unprocessable(
    "regions",
    "regions_empty",
    "name at least one region, or send null (or leave it out) for every region",
  );
}

/** When a new token stops working: TOKEN_DEFAULT_DAYS from now, or the date asked for if allowed. */
export function tokenExpiry(requested: Date | undefined, now: Date): Date {
  if (requested === undefined) return new Date(now.getTime() + TOKEN_DEFAULT_DAYS * 86_400_000);
  // The dashboard asks for the end of a day (UTC): the last allowed day is whole.
  const last = new Date(now.getTime() + TOKEN_MAX_DAYS * 86_400_000);
  const latest = Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate() + 1) - 1;
  if (requested.getTime() <= now.getTime())
    throw unprocessable("expiresAt", "token_expiry_past", "the expiry must be in the future");
  if (requested.getTime() > latest)
    throw unprocessable(
      "expiresAt",
      "token_expiry_too_late",
      `a token lives at most ${TOKEN_MAX_DAYS} days`,
      { params: { maxDays: TOKEN_MAX_DAYS } },
    );
  return requested;
}
