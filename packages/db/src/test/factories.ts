import { randomBytes } from "node:crypto";
import type { IndicatorDefinition, ProgramDefinition } from "@spm/kpi";
import { programDefinitionSchema } from "@spm/kpi";
import { hashPassword } from "../auth/secrets";
import { createDb, type Db } from "../client";
import { applyObservations } from "../queries/observations";
import { storeProgramDefinition } from "../queries/programs";
import { createUser } from "../queries/users";

const text = (s: string) => ({ en: s, ru: `${s} (ru)`, kk: `${s} (kk)` });

/** A short random suffix so each test's rows never collide with another test's. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex").toUpperCase();
}

/** Opens the test database given by DATABASE_URL (set by `npm test`). */
export function createTestDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the tests through `npm test`");
  return createDb(url, { max: 4 });
}

/** Builds a valid programme definition with unique codes; indicators can be overridden. */
export function buildProgram(
  options: { suffix?: string; indicators?: Partial<IndicatorDefinition>[] } = {},
): ProgramDefinition {
  const s = options.suffix ?? uniqueSuffix();
  const indicators = (options.indicators ?? [{}]).map((overrides, i) => ({
    code: `IND_${s}_${i}`,
    direction: "D1",
    name: text(`Indicator ${i}`),
    unit: "percent",
    polarity: "increase",
    baseline: { year: 2017, value: 40, source: "test" },
    targets: { 2018: 50, 2019: 60, 2020: 70, 2021: 80, 2022: 90 },
    ...overrides,
  }));
  return programDefinitionSchema.parse({
    code: `TEST-${s}`,
    name: text(`Test programme ${s}`),
    years: { history: 2010, baseline: 2017, start: 2018, end: 2022 },
    // ZZ is a user-assigned ISO code: test rows never rename the seed's real regions.
    nation: { code: "ZZ", name: text("Testland") },
    directions: [{ code: "D1", name: text("Direction one") }],
    regions: [
      { code: "ZZ-N", name: text("North") },
      { code: "ZZ-S", name: text("South") },
    ],
    indicators,
  });
}

/**
 * Stores a programme's definition (no history, no rules, no status work) for tests of queries;
 * a full import is `importProgram` of packages/services.
 */
export async function createTestProgram(db: Db, def: ProgramDefinition): Promise<void> {
  await db.transaction().execute((trx) => storeProgramDefinition(trx, def, `test-${def.code}`));
}

/** Inserts an upload row and returns its id and acceptance sequence number. */
export async function createUploadRow(
  db: Db,
  createdBy = "test",
): Promise<{ id: string; seq: string }> {
  return db
    .insertInto("uploads")
    .values({ kind: "api", status: "processing", created_by: createdBy })
    .returning(["id", "seq"])
    .executeTakeFirstOrThrow();
}

/** Creates a user with a known password (for tests that sign in); username is unique. */
export async function createTestUser(
  db: Db,
  args: {
    role: "viewer" | "steward" | "manager" | "admin";
    regions?: string[];
    email?: string;
    confidential?: boolean;
  },
): Promise<{ id: string; username: string; password: string }> {
  const username = `${args.role}-${uniqueSuffix().toLowerCase()}`;
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const user = await createUser(
    db,
    {
      username,
      passwordHash: await hashPassword(password),
      role: args.role,
      regions: args.regions ?? null,
      email: args.email ?? null,
      confidential: args.confidential ?? false,
    },
    "test",
  );
  return { id: user.id, username, password };
}

/** Stores figures of one year as one upload (a test's arrangement), the way uploads store them. */
export async function storeFigures(
  db: Db,
  figures: { indicator: string; region: string; value: number }[],
  author: string,
  year = 2022,
): Promise<void> {
  const upload = await createUploadRow(db, author);
  await db.transaction().execute((trx) =>
    applyObservations(
      trx,
      figures.map((f) => ({ ...f, period: String(year), year })),
      { uploadId: upload.id, uploadSeq: upload.seq, author },
    ),
  );
}
