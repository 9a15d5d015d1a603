import { describe, expect, it } from "vitest";
import { agenciesOf, agencyOf } from "./agencies";
import { programDefinitionSchema } from "./program";
import { SYNTHETIC_PROGRAM_INPUT } from "./test-fixtures";

const MIA = { code: "MIA", name: { en: "Ministry of Internal Affairs", ru: "МВД", kk: "ІІМ" } };

function withAgencies(agencies: unknown, agency: string | undefined) {
  const input = JSON.parse(JSON.stringify(SYNTHETIC_PROGRAM_INPUT)) as {
    agencies?: unknown;
    indicators: Record<string, unknown>[];
  };
  input.agencies = agencies;
  if (agency) (input.indicators[0] as Record<string, unknown>).agency = agency;
  return programDefinitionSchema.safeParse(input);
}

describe("agencies of a programme", () => {
  it("are named by indicators; an unknown or repeated code is refused at its path", () => {
    expect(withAgencies([MIA], "MIA").success).toBe(true);
    const unknown = withAgencies([MIA], "MOH");
    expect(unknown.error?.issues.map((i) => i.path.join("."))).toEqual(["indicators.0.agency"]);
    const twice = withAgencies([MIA, MIA], undefined);
    expect(twice.error?.issues.map((i) => i.path.join("."))).toEqual(["agencies.1.code"]);
    expect(withAgencies(undefined, "MIA").success).toBe(false);
  });

  it("are found for an indicator and across programmes, the first naming a code winning", () => {
    const other = { ...MIA, name: { ...MIA.name, en: "Another name" } };
    expect(agencyOf({ agencies: [MIA] }, { agency: "MIA" })).toEqual(MIA);
    expect(agencyOf({ agencies: [MIA] }, {})).toBeUndefined();
    expect(agenciesOf([{ agencies: [MIA] }, { agencies: [other] }, {}])).toEqual([MIA]);
  });
});
