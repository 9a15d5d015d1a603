import { describe, expect, it } from "vitest";
import { explainStatus, formatLevel } from "./explain";
import { LOCALES, type Locale } from "./program";
import { computeStatus } from "./status";
import { CURRENT_LEVELS, TRAJECTORY_LEVELS } from "./status-types";
import { query } from "./test-fixtures";

const plain = (text: string) => text.replace(/\u00A0/g, " ");
const CYRILLIC = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

describe("explainStatus", () => {
  it.each<[Locale, string, string]>([
    [
      "en",
      "2019: value 93 against the target 94 (baseline 92) is 50% of the planned progress; green from 95%, amber from 60%.",
      "Projection for 2022 (linear trend): 94.5 against the target 97, 50% of the planned progress (on track from 95%, acceleration needed from 10%).",
    ],
    [
      "ru",
      "2019: значение 93 при цели 94 (базовый уровень 92) составляет 50 % запланированного прогресса; зелёный — от 95 %, жёлтый — от 60 %.",
      "Прогноз на 2022 год (линейный тренд): 94,5 при цели 97, это 50 % запланированного прогресса (по плану — от 95%, нужно ускорение — от 10%).",
    ],
    [
      "kk",
      "2019: мәні 93, мақсат 94 (базалық деңгей 92) — жоспарланған прогрестің 50%-ы; жасыл — 95%-дан бастап, сары — 60%-дан бастап.",
      "2022 жылға болжам (сызықтық үрдіс): 94,5, мақсат 97 — жоспарланған прогрестің 50%-ы (жоспар бойынша — 95%-дан, жеделдету қажет — 10%-дан бастап).",
    ],
  ])("explains a red status in %s", (locale, current, trajectory) => {
    const status = computeStatus(
      query(
        {},
        [
          [2018, 92.5],
          [2019, 93],
        ],
        "2020-01-10",
      ),
    );
    const explanation = explainStatus(status, locale);
    // Intl writes "50 %" with a no-break space in Russian.
    expect(plain(explanation.current)).toBe(current);
    expect(plain(explanation.trajectory)).toBe(trajectory);
  });

  it("dates an overdue figure in the reader's language", () => {
    const status = computeStatus(query({}, [], "2019-03-01"));
    expect(explainStatus(status, "en").current).toBe(
      "Figures for 2018 were due on Feb 14, 2019 and have not arrived.",
    );
    expect(plain(explainStatus(status, "ru").current)).toBe(
      "Данные за 2018 год ожидались 14 февр. 2019 г., но не поступили.",
    );
  });

  it("mentions pro rata and the CAGR fall-back", () => {
    const sum = {
      unit: "count",
      aggregation: "sum",
      trajectory: "cagr",
      baseline: { year: 2017, value: 0 },
      targets: { 2020: 600, 2022: 800 },
    } as const;
    const status = computeStatus(
      query(
        sum,
        [
          [2018, 200],
          [2020, 300],
        ],
        "2020-06-30",
      ),
    );
    const en = explainStatus(status, "en");
    expect(en.current).toContain("pro-rated to the 50% of the year elapsed");
    expect(en.trajectory).toContain("so the linear trend is used");
  });

  const scenarios: [string, Parameters<typeof query>][] = [
    ["grey", [{}, [], "2018-03-01"]],
    ["overdue", [{}, [], "2019-03-01"]],
    ["no target", [{ targets: { 2022: 97 } }, [[2018, 93]], "2018-12-31"]],
    [
      "monitor",
      [
        { polarity: "monitor", targets: {} },
        [
          [2018, 5],
          [2019, 6],
        ],
        "2019-12-31",
      ],
    ],
    ["met", [{}, [[2018, 93]], "2018-12-31"]],
    ["within one point", [{ targets: { 2018: 100, 2022: 100 } }, [[2018, 99]], "2018-12-31"]],
    [
      "flat",
      [
        { unit: "number", baseline: { year: 2017, value: 50 }, targets: { 2018: 50, 2022: 50 } },
        [[2018, 45]],
        "2018-12-31",
      ],
    ],
    [
      "range",
      [
        { unit: "number", polarity: "range", targets: { 2018: [40, 60], 2022: [40, 60] } },
        [[2018, 61]],
        "2018-12-31",
      ],
    ],
    [
      "end year",
      [
        {},
        [
          [2018, 93],
          [2022, 96],
        ],
        "2023-01-10",
      ],
    ],
    ["achieved", [{}, [[2018, 98]], "2018-12-31"]],
  ];

  it.each(
    LOCALES.flatMap((locale) => scenarios.map(([name, args]) => [locale, name, args] as const)),
  )("%s: %s gives complete sentences", (locale, _, args) => {
    const explanation = explainStatus(computeStatus(query(...args)), locale);
    for (const text of [explanation.current, explanation.trajectory]) {
      expect(text).not.toMatch(/[{}]/);
      expect(text).toMatch(/\.$/);
      if (locale !== "en") expect(text).toMatch(CYRILLIC);
    }
  });
});

describe("formatLevel", () => {
  it("names every level in every language", () => {
    for (const locale of LOCALES) {
      for (const level of [...CURRENT_LEVELS, ...TRAJECTORY_LEVELS]) {
        expect(formatLevel(level, locale).length).toBeGreaterThan(1);
      }
    }
    expect(formatLevel("amber", "ru")).toBe("жёлтый");
    expect(formatLevel("on_track", "kk")).toBe("жоспар бойынша");
  });
});
