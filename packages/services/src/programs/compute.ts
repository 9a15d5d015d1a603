/**
 * Programme files as data: parsing and validating a definition (every bad field named by its
 * path), its stable hash, and the history figures it carries as observation inputs.
 */
import { createHash } from "node:crypto";
import type { ObservationInput } from "@spm/db";
import {
  formatPeriod,
  type ProgramDefinition,
  parsePeriod,
  plainText,
  programDefinitionSchema,
} from "@spm/kpi";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";

export interface DefinitionIssue {
  /** Where the problem is, e.g. `indicators[3] (HQ_READINESS).targets.2019`. */
  path: string;
  message: string;
}

export type LoadResult =
  | { ok: true; definition: ProgramDefinition }
  | { ok: false; issues: DefinitionIssue[] };

/** Parses a programme definition from YAML or JSON text and validates it. */
export function parseProgramDefinition(text: string, filename = "program.yaml"): LoadResult {
  let raw: unknown;
  try {
    raw = filename.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    return { ok: false, issues: [{ path: "(file)", message: (error as Error).message }] };
  }
  const result = programDefinitionSchema.safeParse(raw);
  if (result.success) return { ok: true, definition: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => describeIssue(issue, raw)) };
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): DefinitionIssue {
  let node: unknown = raw;
  const parts: string[] = [];
  for (const key of issue.path) {
    const child =
      node && typeof node === "object"
        ? (node as Record<PropertyKey, unknown>)[key as never]
        : undefined;
    if (typeof key === "number" && parts.length > 0) {
      const code =
        child && typeof child === "object" ? (child as { code?: unknown }).code : undefined;
      parts[parts.length - 1] += `[${key}]${typeof code === "string" ? ` (${code})` : ""}`;
    } else {
      parts.push(String(key));
    }
    node = child;
  }
  return { path: parts.join(".") || "(root)", message: issue.message };
}

/** Renders validation issues as lines for a terminal or a log. */
export function formatDefinitionIssues(issues: DefinitionIssue[]): string {
  return issues.map((i) => `  ${i.path}: ${i.message}`).join("\n");
}

/** A stable hash of a validated definition: importing the same content twice changes nothing. */
export function hashDefinition(def: ProgramDefinition): string {
  return createHash("sha256").update(canonicalJson(def)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The historical figures a programme file carries (with their sources), as observation inputs. */
export function historyInputs(def: ProgramDefinition): ObservationInput[] {
  return def.indicators.flatMap((ind) =>
    ind.history.map((point, row) => {
      const parsed = parsePeriod(point.period);
      // The schema already refused unparseable periods; this guards against a bypass.
      if (!parsed.ok) throw new Error(`${ind.code}.history[${row}]: bad period ${point.period}`);
      return {
        indicator: ind.code,
        region: point.region ?? def.nation.code,
        period: formatPeriod(parsed.period),
        year: parsed.period.year,
        value: point.value,
        note: point.note ?? null,
        // A figure keeps one source text (English of a localized one); pages show the reader's.
        source: plainText(point.source),
        row,
      };
    }),
  );
}
