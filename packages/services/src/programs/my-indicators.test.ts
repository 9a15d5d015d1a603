import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshStatuses } from "../status/run";
import { agencyIndicators } from "./my-indicators";
import { importProgram } from "./run";

// "My indicators" of an agency: its indicators only, each with the period it owes next. The
// yearly indicator's 2020 figure is due on 2021-03-31; the quarterly one reported its 2020 Q4
// figure early; the third indicator is another agency's.
const db = createTestDb();
const base = buildProgram({
  indicators: [
    {},
    {
      frequency: "quarterly",
      dueDays: 30,
      history: [{ period: "2020Q4", value: 75, source: "test" }],
    },
    {},
  ],
});
const program = {
  ...base,
  agencies: [
    { code: "MIN_A", name: { en: "Ministry A", ru: "Министерство А", kk: "А министрлігі" } },
    { code: "MIN_B", name: { en: "Ministry B", ru: "Министерство Б", kk: "Б министрлігі" } },
  ],
  indicators: base.indicators.map((i, n) => ({ ...i, agency: n < 2 ? "MIN_A" : "MIN_B" })),
};
const [yearly, quarterly, others] = program.indicators.map((i) => i.code) as [
  string,
  string,
  string,
];
const asOf = "2021-01-15";

beforeAll(async () => {
  await importProgram(db, program, "test");
  await refreshStatuses(db, { asOf, codes: [yearly, quarterly, others] });
});
afterAll(() => db.destroy());

describe("agencyIndicators", () => {
  it("lists an agency's indicators with the period each owes next", async () => {
    const { agency, items } = await agencyIndicators(db, {
      agency: "MIN_A",
      asOf,
      locale: "ru",
      mayReadConfidential: false,
    });
    expect(agency?.name.ru).toBe("Министерство А");
    const mine = items.filter((i) => i.program === program.code);
    expect(mine.map((i) => i.code)).toEqual([yearly, quarterly]);
    const byCode = new Map(mine.map((i) => [i.code, i]));
    expect(byCode.get(yearly)?.due).toEqual({ period: "2020", dueDate: "2021-03-31" });
    expect(byCode.get(yearly)?.dueReceived).toBe(false);
    // 2020 Q4 ends on 31 December: due 30 days later, and its figure is in already.
    expect(byCode.get(quarterly)?.due).toEqual({ period: "2020Q4", dueDate: "2021-01-30" });
    expect(byCode.get(quarterly)?.latestPeriod).toBe("2020Q4");
    expect(byCode.get(quarterly)?.dueReceived).toBe(true);
  });

  it("owes nothing once the programme's last period is past its date", async () => {
    const { items } = await agencyIndicators(db, {
      agency: "MIN_A",
      asOf: "2024-01-01",
      locale: "en",
      mayReadConfidential: false,
    });
    const mine = items.filter((i) => i.program === program.code);
    expect(mine.every((i) => i.due === null && !i.dueReceived)).toBe(true);
  });
});
