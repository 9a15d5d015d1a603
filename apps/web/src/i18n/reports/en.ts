/** English catalogue of the reports pages: the shape the other languages must match. */
export const reportsEn = {
  list: {
    title: "Reports",
    intro:
      "The annual report of each programme year, for reading on screen or printing, and its PDF; the figures themselves in the export formats.",
    program: "Programme",
    year: "Year",
    annual: "Annual report",
    page: "Open",
    pdf: "PDF",
    figures: "Figures as of the year's end",
    none: "No programme is loaded yet.",
  },
  cover: {
    kind: "Annual report",
    year: "Year {year}",
    place: "Place: {place}",
    asOf: "Statuses as of {date}",
    dataVersion: "Data version {version}",
    demo: "Synthetic demo data is loaded: figures whose source says “Synthetic demo data” are not official statistics.",
  },
  summary: {
    title: "Summary",
    levels: "Status of the indicators by direction",
    chartLabel:
      "Chart: how many indicators of each direction have each status at the end of {year}. The same numbers are in the text below.",
    direction: "{code} — {name}: {counts}.",
    count: "{level} {count}",
    noIndicators: "no indicators",
    changes: "What changed since {year}",
    noChanges: "No indicator changed its status since the end of {year}.",
    change: "{name}: {from} → {to}",
    worse: "worse",
    better: "better",
    farBehind: "Indicators far behind",
    noneFarBehind: "No indicator is far behind, overdue or off track.",
  },
  indicator: {
    status: "Status at the end of the year",
    why: "Why",
    trajectory: "Trajectory to {year}: {level}",
    chartLabel:
      "Chart of “{name}”: values by year (line) against the targets (dashed). The same figures are in the table below.",
    legendValue: "Value",
    legendTarget: "Target",
    year: "Year",
    target: "Target",
    value: "Value",
    yearStatus: "Status at the year's end",
    flag: "Flag",
    withheld: "confidential",
    narrative: "Narrative and measures",
    noNarrative: "No narrative has been written for this year.",
    sources: "Sources",
    noSources: "No figure has a source.",
    baseline: "Baseline {year}: {value} ({source})",
    approval: "Approval",
    noApproval: "Approval of figures is not recorded yet.",
    illustrative: "Illustrative targets, not official commitments.",
  },
  flag: {
    estimated: "estimated",
    provisional: "provisional",
    revised: "revised",
    confidential: "confidential",
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type ReportsMessages = Widen<typeof reportsEn>;
