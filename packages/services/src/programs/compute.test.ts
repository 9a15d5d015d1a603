import { fileURLToPath } from "node:url";
import { buildProgram } from "@spm/db/test/factories";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseProgramDefinition } from "./compute";
import { loadProgramFile } from "./run";

describe("parseProgramDefinition", () => {
  it("accepts a valid YAML definition and applies defaults", () => {
    const result = parseProgramDefinition(stringify(buildProgram({ suffix: "AB12" })));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.definition.indicators[0]?.thresholds).toEqual({ green: 0.95, amber: 0.6 });
  });

  it("names the path of a bad field, with the indicator code", () => {
    const def = buildProgram({ suffix: "AB12" }) as unknown as {
      indicators: Record<string, unknown>[];
    };
    (def.indicators[0] as { unit: string }).unit = "percentage";
    const result = parseProgramDefinition(JSON.stringify(def), "p.json");
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: "indicators[0] (IND_AB12_0).unit" }],
    });
  });

  it("checks cross-references: a target year outside the programme is named by its path", () => {
    const def = buildProgram({ suffix: "AB12" }) as unknown as {
      indicators: Record<string, unknown>[];
    };
    (def.indicators[0] as { targets: Record<string, unknown> }).targets["2030"] = 1;
    const result = parseProgramDefinition(JSON.stringify(def), "p.json");
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { path: "indicators[0] (IND_AB12_0).targets.2030", message: "year outside 2018..2022" },
      ],
    });
  });

  it("reports a YAML syntax error instead of throwing", () => {
    const result = parseProgramDefinition("code: [unclosed");
    expect(result).toMatchObject({ ok: false, issues: [{ path: "(file)" }] });
  });

  it("says what to write when the nation is missing or not an object", () => {
    const { nation: _nation, ...def } = buildProgram({ suffix: "AB12" });
    const missing = parseProgramDefinition(JSON.stringify(def), "p.json");
    expect(missing).toMatchObject({ ok: false, issues: [{ path: "nation" }] });
    const message = missing.ok ? "" : (missing.issues[0]?.message ?? "");
    expect(message).toContain("missing");
    expect(message).toContain('nation: { code: KZ, name: { ru: "Казахстан", kk: "Қазақстан"');
    const text = parseProgramDefinition(JSON.stringify({ ...def, nation: "KZ" }), "p.json");
    expect(text.ok ? "" : text.issues[0]?.message).toMatch(/^must be an object such as nation: \{/);
  });

  it("takes free texts plain or in all of ru, kk and en, and names a missing language", () => {
    const text = { ru: "Причина", kk: "Себебі", en: "Reason" };
    const def = buildProgram({
      suffix: "AB12",
      indicators: [
        {
          polarityReason: text,
          owner: "MIA",
          baseline: { year: 2017, value: 1, source: text },
          history: [{ period: "2016", value: 1, source: text }],
        },
      ],
    });
    const result = parseProgramDefinition(JSON.stringify(def), "p.json");
    expect(result.ok && result.definition.indicators[0]?.polarityReason).toEqual(text);
    const partial = JSON.parse(JSON.stringify(def));
    partial.indicators[0].polarityReason = { ru: "Причина", en: "Reason" };
    const refused = parseProgramDefinition(JSON.stringify(partial), "p.json");
    expect(refused).toMatchObject({
      ok: false,
      issues: [{ path: "indicators[0] (IND_AB12_0).polarityReason" }],
    });
  });

  it("refuses unknown keys, so a misspelt field is never silently ignored", () => {
    const def = { ...buildProgram({ suffix: "AB12" }), yeras: {} };
    const result = parseProgramDefinition(JSON.stringify(def), "p.json");
    expect(result.ok).toBe(false);
  });
});

describe("the seed programme", () => {
  it("places each of its 17 regions on its own tile", async () => {
    const seed = fileURLToPath(
      new URL("../../../db/seed/kz-spcret-2018-2022.yaml", import.meta.url),
    );
    const result = await loadProgramFile(seed);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const tiles = result.definition.regions.map((r) => r.tile && `${r.tile.row},${r.tile.col}`);
    expect(tiles).toHaveLength(17);
    expect(tiles.every(Boolean)).toBe(true);
    expect(new Set(tiles).size).toBe(17);
  });

  it("gives every polarity reason, owner and source in Russian and Kazakh too", async () => {
    const seed = fileURLToPath(
      new URL("../../../db/seed/kz-spcret-2018-2022.yaml", import.meta.url),
    );
    const result = await loadProgramFile(seed);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const texts = result.definition.indicators.flatMap((i) => [
      i.polarityReason,
      i.owner,
      i.baseline.source,
      ...i.history.map((h) => h.source),
    ]);
    expect(texts.length).toBeGreaterThan(60);
    const plain = texts.filter((t) => typeof t === "string" || t === undefined);
    expect(plain).toEqual([]);
  });
});
