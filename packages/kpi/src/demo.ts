/**
 * Synthetic figures for a programme's years, so a fresh installation shows what the dashboard
 * does: some indicators on target, some behind, some far behind, some with figures missing.
 * Deterministic (a seeded generator), clearly marked by the caller as demo data.
 */
import type { ProgramDefinition } from "./program";

export interface DemoFigure {
  indicator: string;
  region: string | null;
  period: string;
  value: number;
}

const SCENARIOS = ["on_target", "behind", "far_behind", "missing_recent"] as const;

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function clamp(value: number, unit: string): number {
  if (unit === "percent") return Math.min(100, Math.max(0, Math.round(value * 10) / 10));
  if (unit === "count") return Math.max(0, Math.round(value));
  return Math.round(value * 100) / 100;
}

/** Builds yearly demo figures (nation and, for regional indicators, each region) for a programme. */
export function generateDemoFigures(program: ProgramDefinition, seed = 2018): DemoFigure[] {
  const random = generator(seed);
  const figures: DemoFigure[] = [];
  program.indicators.forEach((ind, i) => {
    const scenario = SCENARIOS[i % SCENARIOS.length] ?? "behind";
    const share = { on_target: 1.02, behind: 0.75, far_behind: 0.3, missing_recent: 0.9 }[scenario];
    for (let year = program.years.start; year <= program.years.end; year++) {
      if (scenario === "missing_recent" && year >= program.years.end - 1) continue;
      const raw = ind.targets[String(year)];
      const target = Array.isArray(raw) ? (raw[0] + raw[1]) / 2 : (raw ?? ind.baseline.value);
      const base = ind.baseline.value + (target - ind.baseline.value) * share;
      const period =
        ind.frequency === "yearly"
          ? String(year)
          : ind.frequency === "quarterly"
            ? `${year}Q4`
            : `${year}12`;
      figures.push({ indicator: ind.code, region: null, period, value: clamp(base, ind.unit) });
      if (ind.disaggregation !== "regional") continue;
      for (const region of program.regions) {
        const spread = ind.unit === "count" ? 1 / program.regions.length : 1;
        const noise = 1 + (random() - 0.5) * 0.2;
        figures.push({
          indicator: ind.code,
          region: region.code,
          period,
          value: clamp(base * spread * noise, ind.unit),
        });
      }
    }
  });
  return figures;
}
