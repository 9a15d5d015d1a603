/**
 * Approval and locking of figures (DESIGN.md, "Data collection"): a steward submits a
 * programme's year at a place, a manager of that place approves it (locking its figures) or
 * returns it with a comment, and reopens an approved one. Every change is audited.
 */
import {
  type Actor,
  type ApprovalRow,
  type ApprovalUnit,
  actorFields,
  addStatusWork,
  advanceDataVersion,
  countUnitFigures,
  type Db,
  findApproval,
  listActorNames,
  listApprovals,
  listApprovedUnits,
  loadProgramDefinitions,
  lockApprovalUnit,
  recordAudit,
  saveApproval,
} from "@spm/db";
import {
  type ApprovalRequest,
  type ApprovalState,
  approvalUnitKey,
  type PointApproval,
  type ProgramDefinition,
  stepApproval,
} from "@spm/kpi";
import type { PendingDelivery } from "../alerts/evaluate";
import { ServiceError } from "../errors";
import { noticeReturned } from "./notice";

/** A unit as `GET /approvals` shows it: its state, the latest action's who and when, its figures. */
export interface ApprovalUnitView {
  year: number;
  region: string;
  state: ApprovalState;
  lastAction: ApprovalRow["last_action"] | null;
  comment: string | null;
  actedBy: string | null;
  /** The name people read for `actedBy` (a token or source keeps its id). */
  actedByName: string | null;
  actedAt: Date | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  /** Current figures of the programme's indicators in that year at that place. */
  figures: number;
  /** How many indicators those figures are of. */
  indicators: number;
}

function invalid(path: string, message: string, detail: string): ServiceError {
  return new ServiceError("invalid_input", detail, [{ path, message }]);
}

/** The programme, place and year of a request, each checked (422 naming the field). */
async function locate(
  db: Db,
  args: { program: string; year?: number; region?: string },
): Promise<{ program: ProgramDefinition }> {
  const programs = await loadProgramDefinitions(db);
  const program = programs.find((p) => p.code === args.program);
  if (!program) {
    const codes = programs.map((p) => p.code).join(", ");
    throw invalid("program", `one of ${codes}`, `no programme ${args.program}`);
  }
  const places = [program.nation.code, ...program.regions.map((r) => r.code)];
  if (args.region !== undefined && !places.includes(args.region)) {
    throw invalid(
      "region",
      `one of ${places.join(", ")}`,
      `no place ${args.region} in ${program.code}`,
    );
  }
  const first = program.years.history ?? program.years.baseline;
  if (args.year !== undefined && (args.year < first || args.year > program.years.end)) {
    const message = `a year from ${first} to ${program.years.end}`;
    throw invalid("year", message, `${program.code} has no year ${args.year}`);
  }
  return { program };
}

function toView(
  year: number,
  region: string,
  row: ApprovalRow | undefined,
  counts: { figures: number; indicators: number } | undefined,
  names: ReadonlyMap<string, string> = new Map(),
): ApprovalUnitView {
  return {
    year,
    region,
    state: row?.state ?? "open",
    lastAction: row?.last_action ?? null,
    comment: row?.comment ?? null,
    actedBy: row?.acted_by ?? null,
    actedByName: row ? (names.get(row.acted_by) ?? row.acted_by) : null,
    actedAt: row?.acted_at ?? null,
    submittedBy: row?.submitted_by ?? null,
    submittedAt: row?.submitted_at ?? null,
    approvedBy: row?.approved_by ?? null,
    approvedAt: row?.approved_at ?? null,
    figures: counts?.figures ?? 0,
    indicators: counts?.indicators ?? 0,
  };
}

/** A unit's row after an action: the submission is kept until the next one, approval while approved. */
function nextRow(
  unit: ApprovalUnit,
  before: ApprovalRow | undefined,
  state: ApprovalState,
  request: ApprovalRequest,
  by: string,
  now: Date,
): ApprovalRow {
  const submitted = request.action === "submit";
  const approved = request.action === "approve";
  return {
    program_code: unit.program,
    year: unit.year,
    region_code: unit.region,
    state,
    last_action: request.action,
    comment: request.comment ?? null,
    acted_by: by,
    acted_at: now,
    submitted_by: submitted ? by : (before?.submitted_by ?? null),
    submitted_at: submitted ? now : (before?.submitted_at ?? null),
    approved_by: approved ? by : null,
    approved_at: approved ? now : null,
  };
}

/**
 * Takes an action on a unit. `places` are the actor's (null: every place); the caller has
 * checked the role the action needs. Returns the unit and the e-mails to deliver.
 */
export async function actOnApproval(
  db: Db,
  input: {
    request: ApprovalRequest;
    places: readonly string[] | null;
    actor: Actor;
    now: Date;
  },
): Promise<{ unit: ApprovalUnitView; deliveries: PendingDelivery[] }> {
  const { request } = input;
  const { program } = await locate(db, request);
  const region = request.region ?? program.nation.code;
  if (input.places !== null && !input.places.includes(region)) {
    throw new ServiceError(
      "forbidden",
      `the figures of ${region} are not yours to ${request.action}`,
    );
  }
  const unit = { program: program.code, year: request.year, region };
  const by = actorFields(input.actor).actor;
  const result = await db.transaction().execute(async (trx) => {
    await lockApprovalUnit(trx, unit);
    const before = await findApproval(trx, unit);
    const step = stepApproval(before?.state ?? "open", request.action);
    if (!step.ok) {
      throw new ServiceError(
        step.code,
        `the unit is ${step.state}: it cannot be ${request.action}ed`,
      );
    }
    const row = await saveApproval(trx, nextRow(unit, before, step.state, request, by, input.now));
    const approved = request.action === "approve";
    // Locking and unlocking change which figures count (statusFrom) and each point's mark.
    if (approved || request.action === "reopen") {
      await addStatusWork(
        trx,
        program.indicators.map((i) => i.code),
        "approval",
      );
    }
    await advanceDataVersion(trx);
    await recordAudit(trx, {
      ...actorFields(input.actor),
      action: `approval.${request.action}`,
      entityType: "approval",
      entityId: approvalUnitKey(unit.program, unit.year, unit.region),
      before: { state: before?.state ?? "open" },
      after: { state: step.state, comment: request.comment ?? null },
    });
    const deliveries =
      request.action === "return"
        ? await noticeReturned(trx, {
            program,
            year: unit.year,
            region,
            submittedBy: before?.submitted_by ?? null,
            comment: request.comment ?? "",
            by,
            at: input.now,
          })
        : [];
    return { row, deliveries };
  });
  const counts = await countUnitFigures(db, {
    indicators: program.indicators.map((i) => i.code),
    year: unit.year,
    region,
  });
  const names = await listActorNames(db, [by]);
  return {
    unit: toView(unit.year, region, result.row, counts[0], names),
    deliveries: result.deliveries,
  };
}

/**
 * Every unit of a programme (its programme years, or one year; every place, or one), each with
 * its state, the latest action and its figures' counts.
 */
export async function listApprovalUnits(
  db: Db,
  args: { program: string; year?: number; region?: string },
): Promise<{ program: string; units: ApprovalUnitView[] }> {
  const { program } = await locate(db, args);
  const years =
    args.year !== undefined
      ? [args.year]
      : Array.from(
          { length: program.years.end - program.years.start + 1 },
          (_, i) => program.years.start + i,
        );
  const places = args.region
    ? [args.region]
    : [program.nation.code, ...program.regions.map((r) => r.code)];
  const [rows, counts] = await Promise.all([
    listApprovals(db, { program: program.code, year: args.year, region: args.region }),
    countUnitFigures(db, {
      indicators: program.indicators.map((i) => i.code),
      year: args.year,
      region: args.region,
    }),
  ]);
  const names = await listActorNames(
    db,
    rows.map((r) => r.acted_by),
  );
  const rowOf = new Map(rows.map((r) => [`${r.year}|${r.region_code}`, r]));
  const countOf = new Map(counts.map((c) => [`${c.year}|${c.region}`, c]));
  const units = years.flatMap((year) =>
    places.map((place) =>
      toView(year, place, rowOf.get(`${year}|${place}`), countOf.get(`${year}|${place}`), names),
    ),
  );
  return { program: program.code, units };
}

/**
 * Marks each yearly point of a place's series `approved` (its unit is approved) or
 * `provisional`; a point without a value is marked null.
 */
export async function markApprovals<P extends { year: number; value: number | null }>(
  db: Db,
  args: { program: string; region: string; series: readonly P[] },
): Promise<(P & { approval: PointApproval | null })[]> {
  const approved = new Set(
    (await listApprovedUnits(db, [args.program]))
      .filter((u) => u.region === args.region)
      .map((u) => u.year),
  );
  return args.series.map((p) => ({
    ...p,
    approval: p.value === null ? null : approved.has(p.year) ? "approved" : "provisional",
  }));
}
