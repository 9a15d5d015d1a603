import type { ObservationInput } from "@spm/db";
import { generateDemoFigures, type ProgramDefinition, parsePeriod } from "@spm/kpi";

// Every demo figure carries this source, so pages and exports can label it.
export const DEMO_SOURCE = "Synthetic demo data (npm run spm -- demo load); not an official figure";
/** The name of the upload the demo figures belong to. */
export const DEMO_UPLOAD_NAME = "synthetic demo data";

/** The synthetic figures of the given programmes, as observation inputs labelled as demo. */
export function demoInputs(programs: readonly ProgramDefinition[]): ObservationInput[] {
  return programs.flatMap((program) =>
    generateDemoFigures(program).map((f) => {
      const parsed = parsePeriod(f.period);
      return {
        indicator: f.indicator,
        region: f.region ?? program.nation.code,
        period: f.period,
        year: parsed.ok ? parsed.period.year : Number(f.period.slice(0, 4)),
        value: f.value,
        source: DEMO_SOURCE,
      };
    }),
  );
}

/** Leaves out the inputs whose figure already exists: demo data never overwrites a real one. */
export function withoutTakenFigures(
  inputs: ObservationInput[],
  taken: readonly { indicator: string; region: string; period: string }[],
): ObservationInput[] {
  const real = new Set(taken.map((t) => `${t.indicator}|${t.region}|${t.period}`));
  return inputs.filter((i) => !real.has(`${i.indicator}|${i.region}|${i.period}`));
}
