/** English catalogue: the shape every other language must match. */
export const en = {
  app: { title: "State Program Monitor", skip: "Skip to content" },
  nav: {
    overview: "Overview",
    regions: "Regions",
    uploads: "Uploads",
    alerts: "Alerts",
    admin: "Administration",
  },
  lang: { label: "Language", en: "English", ru: "Русский", kk: "Қазақша" },
  overview: {
    program: "Programme",
    filters: "Filters",
    year: "Year (status at its end)",
    today: "today",
    region: "Region",
    nation: "whole country",
    direction: "Direction",
    level: "Status",
    all: "all",
    apply: "Apply",
    noMatch: "No indicator matches these filters.",
    years: "Programme years {start}–{end}, baseline {baseline}",
    asOf: "Status as of {date}",
    indicator: "Indicator",
    status: "Status",
    latest: "Latest value",
    target: "Target",
    trajectory: "Trajectory",
    baseline: "Baseline",
    noIndicators:
      "No programme is loaded yet. An administrator can import one with “npm run spm -- program import FILE”.",
    noValue: "no figure yet",
    illustrative: "illustrative target",
    counts: "{count} indicators",
  },
  auth: {
    title: "Sign in",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    signingIn: "Signing in…",
    wrong: "Wrong username or password.",
    tooMany: "Too many failed attempts. Try again in {seconds} s.",
    failed: "Sign-in failed. Try again later.",
    signOut: "Sign out",
    signedInAs: "Signed in as {name} ({role})",
    forbiddenTitle: "Not allowed",
    forbiddenText:
      "Your role does not give access to this page. Ask an administrator if you need it.",
  },
  role: { viewer: "viewer", steward: "data steward", manager: "manager", admin: "administrator" },
  demo: {
    banner:
      "Synthetic demo data is loaded: figures whose source says “Synthetic demo data” are not official. An administrator removes them with “npm run spm -- demo remove”.",
  },
  regions: {
    title: "Regions",
    caption: "Current status of each regional indicator in each region",
    region: "Region",
    none: "This programme has no indicators reported by region.",
  },
  level: {
    green: "On target",
    amber: "Behind",
    red: "Far behind",
    grey: "No data yet",
    overdue: "Overdue",
    none: "Monitored",
  },
  trajectory: {
    achieved: "Achieved",
    on_track: "On track",
    acceleration_needed: "Needs acceleration",
    off_track: "Off track",
    not_available: "Not enough data",
  },
  unit: { percent: "%", count: "", number: "" },
  error: { title: "Something went wrong", retry: "Try again", notFound: "Page not found" },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
