import { readFile } from "node:fs/promises";
import { type ProgramDefinition, programDefinitionSchema } from "@spm/kpi";
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

/** Reads and validates a programme definition file (YAML or JSON by extension). */
export async function loadProgramFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, issues: [{ path: "(file)", message: (error as Error).message }] };
  }
  return parseProgramDefinition(text, file);
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
