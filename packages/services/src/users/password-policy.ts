// Which passwords may be set (OWASP ASVS 4 §2.1, NIST SP 800-63B §5.1.1.2): at least 12
// characters, no composition rules, and refused when zxcvbn-ts finds it guessable (a common
// password, a repeat, a sequence, a row of keys, a date) or built on the account's own names.
import type { PasswordProblemCode } from "@spm/kpi";
import { type MatchExtended, ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1000;
// zxcvbn's 3 is "safely unguessable": about 10^8 guesses or more.
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

export type PasswordVerdict =
  | { ok: true }
  | { ok: false; code: PasswordProblemCode; params: { min?: number; max?: number } };

/** What the account is called: a password may not be built on it. */
export interface PasswordOwner {
  username?: string | null;
  email?: string | null;
  displayName?: string | null;
}

function nameParts(owner: PasswordOwner): string[] {
  const email = owner.email ?? "";
  return [owner.username, email, email.split("@")[0], owner.displayName]
    .filter((s): s is string => typeof s === "string" && s.length >= 4)
    .map((s) => s.toLowerCase());
}

const PATTERN_CODES: Partial<Record<string, PasswordProblemCode>> = {
  repeat: "password_repeats",
  sequence: "password_sequence",
  spatial: "password_keyboard",
  date: "password_date",
  regex: "password_date",
  dictionary: "password_common",
};

/** The reason of the longest recognised pattern: what makes the password guessable. */
function guessableReason(sequence: MatchExtended[]): PasswordProblemCode {
  const longest = [...sequence]
    .filter((m) => m.pattern !== "bruteforce")
    .sort((a, b) => b.token.length - a.token.length)[0];
  return (longest && PATTERN_CODES[longest.pattern]) ?? "password_guessable";
}

/** Checks a new password against the policy; the refusal names why (a code for the edge). */
export function checkPassword(password: string, owner: PasswordOwner = {}): PasswordVerdict {
  if (password.length < PASSWORD_MIN_LENGTH)
    return { ok: false, code: "password_too_short", params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH)
    return { ok: false, code: "password_too_long", params: { max: PASSWORD_MAX_LENGTH } };
  const names = nameParts(owner);
  const lower = password.toLowerCase();
  if (names.some((n) => lower.includes(n)))
    return { ok: false, code: "password_contains_name", params: {} };
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
  });
  const result = checker.check(password, names);
  if (result.score >= MIN_SCORE) return { ok: true };
  return { ok: false, code: guessableReason(result.sequence), params: {} };
}
