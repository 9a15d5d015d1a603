/**
 * Approval of collected figures (DESIGN.md, "Data collection"), as DHIS2 approves data sets: the
 * unit is programme × year × place; `open` → `submitted` (steward) → `approved` (manager of that
 * place), or back to `open` with a comment; `reopen` unlocks an approved unit.
 */
import { z } from "zod";
import { parsePeriod, periodYear } from "./periods";
import { PLACE_CODE } from "./place-code";

export const APPROVAL_STATES = ["open", "submitted", "approved"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const APPROVAL_ACTIONS = ["submit", "approve", "return", "reopen"] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

// The one state each action starts from, and where it leads.
const TRANSITIONS: Record<ApprovalAction, { from: ApprovalState; to: ApprovalState }> = {
  submit: { from: "open", to: "submitted" },
  approve: { from: "submitted", to: "approved" },
  return: { from: "submitted", to: "open" },
  reopen: { from: "approved", to: "open" },
};

/** The least role that may take an action (a region-limited one only for its places). */
export function approvalActionRole(action: ApprovalAction): "steward" | "manager" {
  return action === "submit" ? "steward" : "manager";
}

/** A refused transition names the state the unit is in (`unit_submitted`, ...). */
export type ApprovalStep =
  | { ok: true; state: ApprovalState }
  | { ok: false; code: `unit_${ApprovalState}`; state: ApprovalState };

/** The state an action leads to from `state`, or why it may not be taken there. */
export function stepApproval(state: ApprovalState, action: ApprovalAction): ApprovalStep {
  const t = TRANSITIONS[action];
  if (t.from !== state) return { ok: false, code: `unit_${state}`, state };
  return { ok: true, state: t.to };
}

/** Whether figures of a unit in this state are locked (rows for it rejected `period_locked`). */
export function isLocked(state: ApprovalState): boolean {
  return state === "approved";
}

/** The body of `POST /api/v1/approvals` (`region` absent: the nation). */
export const approvalRequestSchema = z
  .strictObject({
    program: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "a programme code such as HEALTH-2030"),
    year: z.number().int().min(1900).max(2100),
    region: z.string().regex(PLACE_CODE, "a region code such as KZ-ALA").optional(),
    action: z.enum(APPROVAL_ACTIONS),
    comment: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((r) => r.action !== "return" || r.comment !== undefined, {
    path: ["comment"],
    message: "say why the figures are returned",
  });
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

/** How a yearly point is marked on the indicator page and in the API. */
export type PointApproval = "approved" | "provisional";

/** The key of a unit in sets and maps: `program|year|place`. */
export function approvalUnitKey(program: string, year: number, place: string): string {
  return `${program}|${year}|${place}`;
}

/**
 * The figures a programme's statuses count: all of them, or with `statusFrom: approved` only
 * those of approved units (`approved` holds `approvalUnitKey`s).
 */
export function countedFigures<F extends { period: string; region: string }>(
  program: { code: string; statusFrom?: "all" | "approved" },
  figures: readonly F[],
  approved: ReadonlySet<string>,
): F[] {
  if (program.statusFrom !== "approved") return [...figures];
  return figures.filter((f) => {
    const parsed = parsePeriod(f.period);
    return (
      parsed.ok && approved.has(approvalUnitKey(program.code, periodYear(parsed.period), f.region))
    );
  });
}
