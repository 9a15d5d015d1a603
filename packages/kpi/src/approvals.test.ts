import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPROVAL_ACTIONS,
  APPROVAL_STATES,
  type ApprovalAction,
  type ApprovalState,
  approvalActionRole,
  approvalRequestSchema,
  approvalUnitKey,
  countedFigures,
  isLocked,
  stepApproval,
} from "./approvals";

// Every state × action: where it leads, or the state named in the refusal.
const TABLE: [ApprovalState, ApprovalAction, ApprovalState | `unit_${ApprovalState}`][] = [
  ["open", "submit", "submitted"],
  ["open", "approve", "unit_open"],
  ["open", "return", "unit_open"],
  ["open", "reopen", "unit_open"],
  ["submitted", "submit", "unit_submitted"],
  ["submitted", "approve", "approved"],
  ["submitted", "return", "open"],
  ["submitted", "reopen", "unit_submitted"],
  ["approved", "submit", "unit_approved"],
  ["approved", "approve", "unit_approved"],
  ["approved", "return", "unit_approved"],
  ["approved", "reopen", "open"],
];

describe("stepApproval", () => {
  it("covers every state and action", () => {
    expect(TABLE).toHaveLength(APPROVAL_STATES.length * APPROVAL_ACTIONS.length);
  });

  it.each(TABLE)("%s + %s → %s", (state, action, expected) => {
    const step = stepApproval(state, action);
    if (expected.startsWith("unit_")) {
      expect(step).toEqual({ ok: false, code: expected, state });
    } else {
      expect(step).toEqual({ ok: true, state: expected });
    }
  });

  it("only approved units are locked", () => {
    expect(APPROVAL_STATES.filter(isLocked)).toEqual(["approved"]);
  });

  it("stewards submit; managers approve, return and reopen", () => {
    expect(APPROVAL_ACTIONS.map(approvalActionRole)).toEqual([
      "steward",
      "manager",
      "manager",
      "manager",
    ]);
  });

  it("a unit is approved only through a submission and a manager's approval after it", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...APPROVAL_ACTIONS), { maxLength: 40 }), (actions) => {
        let state: ApprovalState = "open";
        let last: ApprovalAction | null = null;
        let previous: ApprovalAction | null = null;
        for (const action of actions) {
          const step = stepApproval(state, action);
          if (!step.ok) {
            // A refusal changes nothing and names the state the unit is in.
            expect(step.code).toBe(`unit_${state}`);
            continue;
          }
          previous = last;
          last = action;
          state = step.state;
          if (state === "approved") expect([previous, last]).toEqual(["submit", "approve"]);
          if (state === "submitted") expect(last).toBe("submit");
        }
        expect(APPROVAL_STATES).toContain(state);
      }),
    );
  });

  it("from every state exactly the actions of its row are accepted, each to another state", () => {
    fc.assert(
      fc.property(fc.constantFrom(...APPROVAL_STATES), (state) => {
        const accepted = APPROVAL_ACTIONS.filter((a) => stepApproval(state, a).ok);
        expect(accepted.length).toBeGreaterThan(0);
        for (const a of accepted) {
          const step = stepApproval(state, a);
          expect(step.ok && step.state).not.toBe(state);
        }
      }),
    );
  });
});

describe("approvalRequestSchema", () => {
  it("returning needs a comment", () => {
    const r = approvalRequestSchema.safeParse({ program: "P-1", year: 2020, action: "return" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["comment"]);
  });

  it("the region is optional (the nation) and unknown fields are refused", () => {
    expect(approvalRequestSchema.parse({ program: "P-1", year: 2020, action: "submit" })).toEqual({
      program: "P-1",
      year: 2020,
      action: "submit",
    });
    expect(
      approvalRequestSchema.safeParse({ program: "P-1", year: 2020, action: "submit", x: 1 })
        .success,
    ).toBe(false);
  });
});

describe("countedFigures", () => {
  const figures = [
    { period: "2019", region: "KZ", value: 1 },
    { period: "2019Q3", region: "KZ", value: 2 },
    { period: "202003", region: "KZ", value: 3 },
    { period: "2019", region: "KZ-ALA", value: 4 },
  ];
  const approved = new Set([approvalUnitKey("P-1", 2019, "KZ")]);

  it("keeps every figure by default and with statusFrom: all", () => {
    expect(countedFigures({ code: "P-1" }, figures, approved)).toEqual(figures);
    expect(countedFigures({ code: "P-1", statusFrom: "all" }, figures, new Set())).toEqual(figures);
  });

  it("keeps only the approved units' figures (sub-annual ones by their year) with statusFrom: approved", () => {
    const kept = countedFigures({ code: "P-1", statusFrom: "approved" }, figures, approved);
    expect(kept.map((f) => f.value)).toEqual([1, 2]);
    const other = countedFigures({ code: "P-2", statusFrom: "approved" }, figures, approved);
    expect(other).toEqual([]);
  });
});
