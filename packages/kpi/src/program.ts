import { z } from "zod";
import { programAlertRuleSchema } from "./alert-rules";
import {
  checkDhis2Ids,
  dhis2DataElementSchema,
  dhis2OrgUnitsSchema,
  dhis2ProgramSchema,
} from "./dhis2-mapping";
import { parsePeriod } from "./periods";
import { PLACE_CODE } from "./place-code";
import { validationRulesSchema } from "./validation-rules";

/** The languages every user-visible text of a programme is given in. */
export { LOCALES, type Locale } from "./locales";
export { PLACE_CODE } from "./place-code";

export const UNITS = ["percent", "count", "number"] as const;
export const POLARITIES = ["increase", "decrease", "range", "monitor"] as const;
export const FREQUENCIES = ["yearly", "quarterly", "monthly"] as const;
export const AGGREGATIONS = ["sum", "last", "mean"] as const;
export const DISAGGREGATIONS = ["national", "regional"] as const;
export const TRAJECTORY_METHODS = ["linear", "cagr", "statcan"] as const;
export const TARGET_SOURCES = ["official", "illustrative"] as const;
export const OBSERVATION_FLAGS = ["estimated", "provisional", "revised", "confidential"] as const;

export type Unit = (typeof UNITS)[number];
export type Polarity = (typeof POLARITIES)[number];
export type Frequency = (typeof FREQUENCIES)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];
export type Disaggregation = (typeof DISAGGREGATIONS)[number];
export type TrajectoryMethod = (typeof TRAJECTORY_METHODS)[number];
export type TargetSource = (typeof TARGET_SOURCES)[number];
export type ObservationFlag = (typeof OBSERVATION_FLAGS)[number];

/** Default progress-ratio cut-offs (UN SDG progress assessment practice). */
export const DEFAULT_THRESHOLDS = { green: 0.95, amber: 0.6 } as const;

const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
// ISO 3166-1 alpha-2 for the nation, ISO 3166-2 for its subdivisions.
const NATION_CODE = /^[A-Z]{2}$/;
const REGION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const year = z.number().int().min(1900).max(2100);
/** The largest row or column of a region's tile on the regions map. */
export const MAX_TILE = 40;

export const localizedTextSchema = z.strictObject({
  en: z.string().trim().min(1),
  ru: z.string().trim().min(1),
  kk: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * A programme's free text (a polarity's reason, a source, an owner): a plain string, shown as
 * written in every language, or `{ru, kk, en}` with all three given, as names are.
 */
export const textOrLocalizedSchema = z.union([z.string().trim().min(1), localizedTextSchema]);
export type TextOrLocalized = z.infer<typeof textOrLocalizedSchema>;

/** The text in the reader's language (a plain string is the same in every language). */
export function textIn(value: TextOrLocalized, locale: "en" | "ru" | "kk"): string {
  return typeof value === "string" ? value : value[locale];
}

/** The text kept where one string is stored (a figure's source): plain as is, else English. */
export function plainText(value: TextOrLocalized): string {
  return typeof value === "string" ? value : value.en;
}

/**
 * A figure's stored source in the reader's language: figures keep the English of a history
 * point's localized source (plainText), which is matched back to the point here.
 */
export function figureSourceIn(
  ind: { history: { source: TextOrLocalized }[] },
  stored: string,
  locale: "en" | "ru" | "kk",
): string {
  for (const point of ind.history) {
    if (typeof point.source !== "string" && point.source.en === stored) return point.source[locale];
  }
  return stored;
}

const NATION_EXAMPLE =
  'nation: { code: KZ, name: { ru: "Казахстан", kk: "Қазақстан", en: "Kazakhstan" } }';

const sourcedValueSchema = z.strictObject({
  year,
  value: z.number().finite(),
  source: textOrLocalizedSchema,
});

const historyPointSchema = z.strictObject({
  period: z.union([z.string(), z.number().int()]).transform(String),
  region: z.string().regex(PLACE_CODE).optional(),
  value: z.number().finite(),
  source: textOrLocalizedSchema,
  note: z.string().optional(),
});

const tileSchema = z.strictObject({
  row: z.number().int().min(1).max(MAX_TILE),
  col: z.number().int().min(1).max(MAX_TILE),
});

export const targetValueSchema = z.union([
  z.number().finite(),
  z.tuple([z.number().finite(), z.number().finite()]),
]);

/** A year as the key of a programme file's map (targets, target sources). */
export const YEAR_KEY = z.string().regex(/^\d{4}$/, "keys are years such as 2021");

/** Whether a year's target is an official commitment or an illustration, and its document. */
export const targetSourceSchema = z.strictObject({
  kind: z.enum(TARGET_SOURCES),
  /** The document that sets it, e.g. a decree's number and date. */
  document: z.string().trim().min(1).max(500).optional(),
});
export type TargetSourceOfYear = z.infer<typeof targetSourceSchema>;

/** Progress-ratio cut-offs of the status levels. */
export const thresholdsSchema = z
  .strictObject({ green: z.number().gt(0).max(1), amber: z.number().min(0).max(1) })
  .refine((t) => t.amber <= t.green, { message: "amber must not exceed green" });

const indicatorSchema = z.strictObject({
  code: z.string().regex(CODE, "must be upper-case letters, digits and _ (e.g. HQ_READINESS)"),
  direction: z.string(),
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  unit: z.enum(UNITS),
  polarity: z.enum(POLARITIES),
  polarityReason: textOrLocalizedSchema.optional(),
  frequency: z.enum(FREQUENCIES).default("yearly"),
  aggregation: z.enum(AGGREGATIONS).default("last"),
  disaggregation: z.enum(DISAGGREGATIONS).default("national"),
  baseline: sourcedValueSchema,
  targets: z.record(YEAR_KEY, targetValueSchema),
  targetsSource: z.enum(TARGET_SOURCES).default("official"),
  /** Years whose target has another standing than `targetsSource`, or names its document. */
  targetSources: z.record(YEAR_KEY, targetSourceSchema).optional(),
  thresholds: thresholdsSchema.default({ ...DEFAULT_THRESHOLDS }),
  trajectory: z.enum(TRAJECTORY_METHODS).default("linear"),
  /** A monitor indicator's trend by the progress measure without a target (DESIGN.md `statcan`). */
  trend: z
    .strictObject({
      method: z.literal("statcan"),
      direction: z.enum(["increase", "decrease"]).default("increase"),
      limit: z.number().finite().optional(),
    })
    .optional(),
  dueDays: z.number().int().min(0).max(730).default(90),
  owner: textOrLocalizedSchema.optional(),
  /** The code of the agency (of the programme's `agencies`) answerable for the indicator. */
  agency: z.string().regex(CODE, "an agency code of the programme's agencies").optional(),
  /** The DHIS2 data elements (and category option combos) whose values are this indicator's. */
  dhis2: z.array(dhis2DataElementSchema).optional(),
  history: z.array(historyPointSchema).default([]),
  /** Checks of each sent figure (`min`, `max`, `change_max_pct`, `regions_sum_max_national`). */
  validation: validationRulesSchema.optional(),
});

const programBaseSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9-]{1,63}$/, "must be upper-case letters, digits and -"),
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  years: z.strictObject({ history: year.optional(), baseline: year, start: year, end: year }),
  nation: z.strictObject(
    {
      code: z
        .string()
        .regex(NATION_CODE, `must be an ISO 3166-1 alpha-2 code, e.g. ${NATION_EXAMPLE}`),
      name: localizedTextSchema,
      dhis2: dhis2OrgUnitsSchema.optional(),
    },
    {
      error: (issue) => {
        if (issue.code !== "invalid_type") return undefined;
        return issue.input === undefined
          ? `missing: the country the programme covers, its regions' parent; write ${NATION_EXAMPLE}`
          : `must be an object such as ${NATION_EXAMPLE}`;
      },
    },
  ),
  dhis2: dhis2ProgramSchema.optional(),
  directions: z
    .array(z.strictObject({ code: z.string().regex(CODE), name: localizedTextSchema }))
    .min(1),
  regions: z.array(
    z.strictObject({
      code: z.string().regex(REGION_CODE, "must be an ISO 3166-2 code such as KZ-ALA"),
      name: localizedTextSchema,
      /** Where the region's square sits on the tile map (1-based), near its place on a real map. */
      tile: tileSchema.optional(),
      dhis2: dhis2OrgUnitsSchema.optional(),
    }),
  ),
  indicators: z.array(indicatorSchema).min(1),
  /**
   * Alert rules shipped with the programme, created at import when no rule of the programme has
   * their key (so managers' later edits are kept).
   */
  alertRules: z.array(programAlertRuleSchema).default([]),
  /** The ministries and agencies answerable for indicators (an indicator's `agency` names one). */
  agencies: z
    .array(z.strictObject({ code: z.string().regex(CODE), name: localizedTextSchema }))
    .optional(),
  /**
   * The year levels whose figure needs a narrative (why, and what is done about it); absent:
   * red. An empty list asks for none.
   */
  narrativeRequiredFor: z.array(z.enum(["red", "overdue", "amber", "grey"])).optional(),
  /** Which figures statuses and alerts use: all (absent) or only those of approved units. */
  statusFrom: z.enum(["all", "approved"]).optional(),
});

/** Schema of a programme definition file (YAML or JSON), with every cross-reference checked. */
export const programDefinitionSchema = programBaseSchema.superRefine((p, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const { history = p.years.baseline, baseline, start, end } = p.years;
  if (!(history <= baseline && baseline < start && start <= end)) {
    issue(["years"], "must satisfy history <= baseline < start <= end");
  }
  reportDuplicates(
    p.directions.map((d) => d.code),
    ["directions"],
    issue,
  );
  reportDuplicates(
    p.regions.map((r) => r.code),
    ["regions"],
    issue,
  );
  reportDuplicates(
    p.indicators.map((i) => i.code),
    ["indicators"],
    issue,
  );
  checkDhis2Ids(p, issue);
  const directionCodes = new Set(p.directions.map((d) => d.code));
  const regionCodes = new Set([p.nation.code, ...p.regions.map((r) => r.code)]);
  const tiles = new Map<string, string>();
  for (const [r, region] of p.regions.entries()) {
    if (!region.code.startsWith(`${p.nation.code}-`)) {
      issue(["regions", r, "code"], `must start with the nation code ${p.nation.code}-`);
    }
    if (!region.tile) continue;
    const at = `${region.tile.row},${region.tile.col}`;
    const taken = tiles.get(at);
    if (taken) issue(["regions", r, "tile"], `same tile as ${taken}`);
    else tiles.set(at, region.code);
  }
  reportDuplicates(
    p.alertRules.map((r) => r.key),
    ["alertRules"],
    issue,
    "key",
  );
  p.alertRules.forEach((rule, r) => {
    const { indicators, regions } = rule.scope;
    const at = ["alertRules", r, "scope"];
    if (
      indicators !== "all" &&
      "direction" in indicators &&
      !directionCodes.has(indicators.direction)
    )
      issue([...at, "indicators"], `unknown direction "${indicators.direction}"`);
    if (
      indicators !== "all" &&
      "indicator" in indicators &&
      !p.indicators.some((i) => i.code === indicators.indicator)
    )
      issue([...at, "indicators"], `unknown indicator "${indicators.indicator}"`);
    if (typeof regions === "object" && !regionCodes.has(regions.region))
      issue([...at, "regions"], `unknown region "${regions.region}"`);
  });
  reportDuplicates(
    (p.agencies ?? []).map((a) => a.code),
    ["agencies"],
    issue,
  );
  const agencyCodes = new Set((p.agencies ?? []).map((a) => a.code));
  p.indicators.forEach((ind, i) => {
    const at = (...rest: (string | number)[]) => ["indicators", i, ...rest];
    if (ind.agency !== undefined && !agencyCodes.has(ind.agency)) {
      issue(at("agency"), `unknown agency "${ind.agency}": list it under agencies`);
    }
    if (!directionCodes.has(ind.direction)) {
      issue(at("direction"), `unknown direction "${ind.direction}"`);
    }
    if (ind.baseline.year < history || ind.baseline.year >= start) {
      issue(at("baseline", "year"), `must be between ${history} and ${start - 1}`);
    }
    for (const [key, target] of Object.entries(ind.targets)) {
      const y = Number(key);
      if (y < start || y > end) issue(at("targets", key), `year outside ${start}..${end}`);
      const isRange = Array.isArray(target);
      if (ind.polarity === "range" && !isRange) {
        issue(at("targets", key), "a range indicator needs [min, max]");
      } else if (ind.polarity !== "range" && isRange) {
        issue(at("targets", key), `a ${ind.polarity} indicator needs a single number`);
      } else if (isRange && target[0] > target[1]) {
        issue(at("targets", key), "min must not exceed max");
      }
    }
    for (const key of Object.keys(ind.targetSources ?? {})) {
      if (!(key in ind.targets)) issue(at("targetSources", key), `no target for ${key}`);
    }
    if (
      ind.disaggregation !== "regional" &&
      ind.validation?.some((r) => r.rule === "regions_sum_max_national")
    ) {
      issue(at("validation"), "regions_sum_max_national needs a regional indicator");
    }
    if (ind.trend && ind.polarity !== "monitor") {
      issue(at("trend"), "only monitor indicators have a trend; others use trajectory");
    }
    if (ind.trajectory === "statcan" && ind.polarity === "range") {
      issue(at("trajectory"), "statcan needs a single-number target (increase or decrease)");
    }
    if (ind.polarity !== "monitor" && Object.keys(ind.targets).length === 0) {
      issue(at("targets"), "needs at least one target (or polarity monitor)");
    }
    ind.history.forEach((point, h) => {
      if (point.region !== undefined && !regionCodes.has(point.region)) {
        issue(at("history", h, "region"), `unknown region "${point.region}"`);
      }
      const parsed = parsePeriod(point.period);
      if (!parsed.ok) {
        issue(at("history", h, "period"), `"${point.period}" is not a period (${parsed.code})`);
      } else if (parsed.period.year < history || parsed.period.year > end) {
        issue(at("history", h, "period"), `period outside ${history}..${end}`);
      } else if (parsed.period.frequency !== ind.frequency) {
        issue(
          at("history", h, "period"),
          `a ${ind.frequency} indicator needs ${ind.frequency} periods`,
        );
      }
    });
  });
});

function reportDuplicates(
  codes: string[],
  path: string[],
  issue: (path: (string | number)[], message: string) => void,
  field = "code",
): void {
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (seen.has(code)) issue([...path, i, field], `duplicate ${field} "${code}"`);
    seen.add(code);
  });
}

export type ProgramDefinition = z.infer<typeof programDefinitionSchema>;
export type IndicatorDefinition = ProgramDefinition["indicators"][number];
export type TargetValue = z.infer<typeof targetValueSchema>;
export type RegionTile = z.infer<typeof tileSchema>;
