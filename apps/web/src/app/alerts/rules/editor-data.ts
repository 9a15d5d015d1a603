import { loadProgramDefinitions } from "@spm/db";
import type { Locale } from "@spm/kpi";
import { localName } from "~/components/alerts/describe";
import type { EditorProgram } from "~/components/alerts/rule-editor";
import { db } from "~/lib/db";

/** The programmes as the rule editor lists them, in the reader's language. */
export async function editorPrograms(locale: Locale): Promise<EditorProgram[]> {
  const programs = await loadProgramDefinitions(db());
  return programs.map((p) => ({
    code: p.code,
    name: localName(p, locale, p.code),
    nation: p.nation.code,
    directions: p.directions.map((d) => ({ code: d.code, name: localName(d, locale, d.code) })),
    regions: p.regions.map((r) => ({ code: r.code, name: localName(r, locale, r.code) })),
    indicators: p.indicators.map((i) => ({ code: i.code, name: localName(i, locale, i.code) })),
  }));
}
