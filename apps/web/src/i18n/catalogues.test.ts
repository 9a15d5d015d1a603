import { LOCALES } from "@spm/kpi";
import { describe, expect, it } from "vitest";
import { getAdminMessages } from "./admin";
import { getAlertsMessages } from "./alerts";
import { getApiDocsMessages } from "./api-docs";
import { getApprovalsMessages } from "./approvals";
import { getEntryMessages } from "./entry";
import { CATALOGUES, format, resolveLocale } from "./index";
import { getIndicatorMessages } from "./indicator";
import { getProgramsMessages } from "./programs";
import { getQualityMessages } from "./quality";
import { getReportsMessages } from "./reports";
import { getSourcesMessages } from "./sources";
import { getUploadsMessages } from "./uploads";

/** Every leaf of a catalogue as `path → text`. */
function leaves(value: unknown, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(path, value);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value))
      for (const [p, text] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, text);
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const SETS = {
  main: (l: (typeof LOCALES)[number]) => CATALOGUES[l],
  admin: getAdminMessages,
  alerts: getAlertsMessages,
  apiDocs: getApiDocsMessages,
  entry: getEntryMessages,
  approvals: getApprovalsMessages,
  indicator: getIndicatorMessages,
  programs: getProgramsMessages,
  quality: getQualityMessages,
  sources: getSourcesMessages,
  reports: getReportsMessages,
  uploads: getUploadsMessages,
};

describe.each(Object.entries(SETS))("the %s catalogue", (_name, get) => {
  const english = leaves(get("en"));

  it.each(LOCALES.filter((l) => l !== "en"))(
    "in %s has every English message, none empty, with the same placeholders",
    (locale) => {
      const other = leaves(get(locale));
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of other) {
        // Empty only where English is empty too (a unit with no sign, such as a count).
        if (english.get(path) !== "") expect(text.trim(), path).not.toBe("");
        expect(placeholders(text), path).toEqual(placeholders(english.get(path) ?? ""));
      }
    },
  );
});

describe("resolveLocale", () => {
  it.each([
    ["kk", "en-GB", "kk"],
    ["xx", "kk-KZ,ru;q=0.8", "kk"],
    [undefined, "en-US,en;q=0.9", "en"],
    [undefined, "de-DE, ru;q=0.5", "ru"],
    [undefined, null, "ru"],
    [undefined, "fr", "ru"],
  ] as const)("cookie %s, Accept-Language %s → %s", (cookie, header, expected) => {
    expect(resolveLocale(cookie, header)).toBe(expected);
  });
});

describe("format", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("{a} of {b}", { a: 1, b: "two" })).toBe("1 of two");
    expect(format("{a} and {missing}", { a: 0 })).toBe("0 and {missing}");
  });
});
