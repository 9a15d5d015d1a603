/** Agencies as data (DESIGN.md, "Managing a programme"): who answers for an indicator. */
import type { LocalizedText, ProgramDefinition } from "./program";

export interface Agency {
  code: string;
  name: LocalizedText;
}

/** The agency answerable for an indicator of the programme, if it names one. */
export function agencyOf(
  program: Pick<ProgramDefinition, "agencies">,
  indicator: { agency?: string },
): Agency | undefined {
  return program.agencies?.find((a) => a.code === indicator.agency);
}

/** Every agency of the loaded programmes, by code (the first programme naming a code wins). */
export function agenciesOf(programs: readonly Pick<ProgramDefinition, "agencies">[]): Agency[] {
  const byCode = new Map<string, Agency>();
  for (const p of programs)
    for (const a of p.agencies ?? []) if (!byCode.has(a.code)) byCode.set(a.code, a);
  return [...byCode.values()];
}
