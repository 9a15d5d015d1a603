// What an upload changes (or, in a dry run, would change) in the statuses it touches.
import { type Db, listStatusSnapshots, listStoredFigures, loadProgramDefinitions } from "@spm/db";
import { evaluateIndicator, type IsoDate } from "@spm/kpi";
import { type FigureOverlay, indicatorsOf, withOverlay } from "./compute";
import { figuresCounted } from "./figures";

export interface StatusChange {
  indicator: string;
  region: string;
  current: { from: string | null; to: string };
  trajectory: { from: string | null; to: string };
}

/**
 * The statuses that differ from the read model for the given indicators and places (the nation
 * always included). With an overlay (a dry run), `from` is the status of today's figures and
 * `to` the status once the overlay's figures are added; nothing is written.
 */
export async function computeStatusChanges(
  db: Db,
  args: {
    pairs: readonly { indicator: string; region: string }[];
    asOf: IsoDate;
    overlay?: FigureOverlay[];
  },
): Promise<StatusChange[]> {
  const codes = new Set(args.pairs.map((p) => p.indicator));
  const refs = indicatorsOf(await loadProgramDefinitions(db)).filter((r) =>
    codes.has(r.indicator.code),
  );
  const figures = await listStoredFigures(db, { indicators: refs.map((r) => r.indicator.code) });
  const snapshots = args.overlay
    ? []
    : await listStatusSnapshots(db, { codes: refs.map((r) => r.indicator.code) });
  const changes: StatusChange[] = [];
  for (const { program, indicator } of refs) {
    // With statusFrom: approved, only approved units' figures count.
    const stored = await figuresCounted(db, program, figures.get(indicator.code) ?? []);
    const overlay = (args.overlay ?? []).filter((o) => o.indicator === indicator.code);
    const after = await figuresCounted(db, program, withOverlay(stored, overlay));
    const places = new Set([
      program.nation.code,
      ...args.pairs.filter((p) => p.indicator === indicator.code).map((p) => p.region),
    ]);
    for (const region of places) {
      const evaluate = (f: typeof stored) =>
        evaluateIndicator({ program, indicator, figures: f, region, asOf: args.asOf }).status;
      const to = evaluate(after);
      const snapshot = snapshots.find(
        (s) => s.indicator_code === indicator.code && s.region_code === region,
      );
      const before = args.overlay
        ? (() => {
            const s = evaluate(stored);
            return { current_level: s.current.level, trajectory_level: s.trajectory.level };
          })()
        : snapshot;
      const from = {
        current: before?.current_level ?? null,
        trajectory: before?.trajectory_level ?? null,
      };
      if (from.current !== to.current.level || from.trajectory !== to.trajectory.level)
        changes.push({
          indicator: indicator.code,
          region,
          current: { from: from.current, to: to.current.level },
          trajectory: { from: from.trajectory, to: to.trajectory.level },
        });
    }
  }
  return changes;
}
