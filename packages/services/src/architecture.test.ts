// The arrows of DESIGN.md ("Parts and direction of dependencies"), checked on the sources:
// kpi imports nothing of ours and does no I/O; db imports kpi types only; services no app;
// apps never each other.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((f) => !f.includes("node_modules") && !f.includes(".next"));
}

/** Every `import ... from "x"` of a file, with whether it imports types only. */
function importsOf(file: string): { from: string; typeOnly: boolean }[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?([^"';]*?)\s*from\s+"([^"]+)"/gm)].map(
    (m) => {
      const names = m[2] ?? "";
      const typeOnly =
        Boolean(m[1]) ||
        (/^\{[^}]*\}$/.test(names.trim()) &&
          names
            .replace(/[{}]/g, "")
            .split(",")
            .map((n) => n.trim())
            .filter(Boolean)
            .every((n) => n.startsWith("type ")));
      return { from: m[3] ?? "", typeOnly };
    },
  );
}

describe("the arrows between packages", () => {
  it("packages/kpi imports nothing of the workspace and does no I/O", () => {
    for (const file of sources("packages/kpi/src")) {
      for (const i of importsOf(file)) {
        expect(i.from, file).not.toMatch(/^(@spm\/|node:|kysely|pg$|bullmq|ioredis)/);
      }
      const text = readFileSync(path.join(ROOT, file), "utf8");
      expect(text, file).not.toMatch(/process\.env|Date\.now\(\)|new Date\(\)/);
    }
  });

  it("packages/db imports kpi types only", () => {
    const offenders = sources("packages/db/src")
      .filter((f) => !f.includes("/migrations/") && !f.includes("/test/"))
      .filter((f) => importsOf(f).some((i) => i.from === "@spm/kpi" && !i.typeOnly));
    expect(offenders).toEqual([]);
  });

  it("packages import no app, services imports no app, and apps never each other", () => {
    for (const dir of ["packages/kpi/src", "packages/db/src", "packages/services/src"])
      for (const file of sources(dir))
        for (const i of importsOf(file)) expect(i.from, file).not.toMatch(/^@spm\/(web|ingest)/);
    for (const file of sources("apps/web/src"))
      for (const i of importsOf(file))
        expect(i.from, file).not.toMatch(/^@spm\/ingest|apps\/ingest/);
    for (const file of sources("apps/ingest/src"))
      for (const i of importsOf(file)) expect(i.from, file).not.toMatch(/^@spm\/web|apps\/web/);
  });

  it("nobody imports another package's src path", () => {
    for (const dir of [
      "apps/web/src",
      "apps/ingest/src",
      "packages/services/src",
      "packages/db/src",
    ])
      for (const file of sources(dir))
        for (const i of importsOf(file)) expect(i.from, file).not.toMatch(/^@spm\/[a-z]+\/src/);
  });
});

// DESIGN.md: every page and route handler checks its own authorisation (a layout's check does not
// run when Next renders a segment alone on navigation). Public by design: sign-in and the 403 page;
// the /api forwarder leaves the check to the API it forwards to.
// The API's description is public like the document it lists (GET /api/v1/openapi.json).
const PUBLIC_ROUTES = [
  "login/page.tsx",
  "forbidden/page.tsx",
  "api/[...path]/route.ts",
  "api-docs/page.tsx",
];

describe("authorisation of pages", () => {
  it("every page and route handler under apps/web/src/app authorises itself", () => {
    const app = "apps/web/src/app";
    const entries = sources(app).filter((f) => /\/(page\.tsx|route\.ts)$/.test(f));
    expect(entries.length).toBeGreaterThan(15);
    const unchecked = entries
      .map((f) => path.relative(path.join(ROOT, app), path.join(ROOT, f)))
      .filter((f) => !PUBLIC_ROUTES.includes(f))
      .filter(
        (f) =>
          !/\b(requireUser|currentUser|pollingUser|requireReportReader)\(/.test(
            readFileSync(path.join(ROOT, app, f), "utf8"),
          ),
      );
    expect(unchecked).toEqual([]);
  });
});

// STYLE.md: "a file over 400 lines needs a reason". Migrations (frozen once landed) and the
// message catalogues (one line a text) are the reasons; nothing else is.
const MAX_LINES = 400;

describe("the size of files", () => {
  it(`no source file outside migrations and message catalogues is over ${MAX_LINES} lines`, () => {
    // Tracked files and new ones not ignored: what a commit would hold.
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => /\.(ts|tsx|mjs)$/.test(f))
      .filter((f) => !f.includes("/migrations/") && !f.startsWith("apps/web/src/i18n/messages/"));
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((f) => {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, f), "utf8");
      } catch {
        return []; // deleted in the work tree, not yet in the index
      }
      const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      return lines > MAX_LINES ? [`${f}: ${lines} lines`] : [];
    });
    expect(long).toEqual([]);
  });
});
