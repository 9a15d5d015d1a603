import { APPROVAL_ACTIONS, APPROVAL_STATES, LOCALES } from "@spm/kpi";
import { z } from "zod";

// The answers of managing a programme (definition edits, their preview and history,
// narratives), for the OpenAPI document; kept apart from schemas.ts to keep files short.

const when = z.string().describe("an ISO 8601 date-time");
const target = z.union([z.number(), z.tuple([z.number(), z.number()])]).nullable();

const fieldChange = z.object({
  field: z.string().describe("`targets.2021`, `thresholds`, ..."),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

/** The answer to an edit of an indicator's definition. */
export const indicatorEdit = z.looseObject({
  code: z.string(),
  program: z.string(),
  version: z.number().int(),
  changes: z.array(fieldChange),
});

/** An indicator's definition history, newest first. */
export const indicatorHistory = z.looseObject({
  code: z.string(),
  version: z.number().int(),
  changes: z.array(
    z.looseObject({
      version: z.number().int(),
      kind: z.enum(["edit", "import"]),
      actor: z.string(),
      reason: z.string().nullable(),
      changes: z.array(fieldChange),
      changedAt: when,
    }),
  ),
});

const someLanguages = z.partialRecord(z.enum(LOCALES), z.string());

/** One version of a narrative. */
export const narrativeVersion = z.looseObject({
  indicator: z.string(),
  region: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  explanation: someLanguages,
  measures: someLanguages.nullable(),
  author: z.string(),
  writtenAt: when,
});

/** A narrative: the current version (null: none yet) and every version, newest first. */
export const narrative = z.looseObject({
  indicator: z.string(),
  region: z.string(),
  year: z.number().int(),
  current: narrativeVersion.nullable(),
  history: z.array(narrativeVersion),
});

/** The years whose level needs a narrative and that have none. */
export const missingNarratives = z.looseObject({
  program: z.string(),
  levels: z.array(z.string()),
  missing: z.array(
    z.object({
      indicator: z.string(),
      region: z.string(),
      year: z.number().int(),
      level: z.string(),
    }),
  ),
});

const completenessCounts = z.object({
  expected: z.number().int(),
  due: z.number().int(),
  received: z.number().int(),
  approved: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
});

/** Who has reported what: a programme year's counts in total, per place and per agency. */
export const completeness = z.looseObject({
  program: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  total: completenessCounts,
  byRegion: z.array(z.object({ region: z.string(), counts: completenessCounts })),
  byAgency: z.array(z.object({ agency: z.string().nullable(), counts: completenessCounts })),
});

const previewSide = z.object({ level: z.string().nullable(), target });

/** Each programme year's status before and after a change of an indicator's definition. */
export const indicatorPreview = z.looseObject({
  code: z.string(),
  region: z.string(),
  years: z.array(
    z.object({
      year: z.number().int(),
      asOf: z.string(),
      before: previewSide,
      after: previewSide.describe("level null: withheld (a confidential figure)"),
    }),
  ),
});

/** One approval unit: its state, the latest action's who and when, its figures' counts. */
export const approvalUnit = z.looseObject({
  year: z.number().int(),
  region: z.string(),
  state: z.enum(APPROVAL_STATES),
  lastAction: z.enum(APPROVAL_ACTIONS).nullable(),
  comment: z.string().nullable(),
  actedBy: z.string().nullable(),
  actedByName: z.string().nullable(),
  actedAt: when.nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: when.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: when.nullable(),
  figures: z.number().int(),
  indicators: z.number().int(),
});

/** A programme's approval units. */
export const approvalList = z.looseObject({
  program: z.string(),
  units: z.array(approvalUnit),
});
