import {
  createApiToken,
  createUser,
  type Database,
  type Db,
  findUserById,
  findUserByUsername,
  hashPassword,
  listApiTokens,
  listAudit,
  listUsers,
  revokeApiToken,
  revokeUserSessions,
  toPublicUser,
  updateApiToken,
  updateUser,
} from "@spm/db";
import { PLACE_CODE } from "@spm/kpi";
import {
  assertAgencyKnown,
  formatDefinitionIssues,
  importProgram,
  parseProgramDefinition,
  programDefinitionYaml,
  ServiceError,
} from "@spm/services";
import { Router } from "express";
import { sql, type Transaction } from "kysely";
import { z } from "zod";
import { auditActor, principalOf, requireRole } from "../auth/middleware";
import type { Principal } from "../auth/principal";
import { enqueueStatusWork, type Queues } from "../queues";
import { assertPasswordAccepted, assertRegionsNamed, tokenExpiry } from "./admin-checks";
import { HttpProblem } from "./problem";
import { serviceProblem } from "./service-problem";
import { parseBody, parseQuery } from "./validate";

const ROLE = z.enum(["viewer", "steward", "manager", "admin"]);
const REGIONS = z.array(z.string().regex(PLACE_CODE, "a region code such as KZ-ALA"));
// Length and guessability are the password policy's (admin-checks.ts), refused with a 422.
const PASSWORD = z.string();
const idParam = z.object({ id: z.uuid("not a valid id") });

export const newUser = z.object({
  username: z.string().regex(/^[A-Za-z0-9._@-]{3,64}$/, "3–64 letters, digits or . _ @ -"),
  password: PASSWORD,
  role: ROLE,
  email: z.email().nullable().optional(),
  displayName: z.string().max(200).nullable().optional(),
  lang: z.enum(["ru", "kk", "en"]).optional(),
  regions: REGIONS.nullable().optional(),
  agency: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/, "an agency code such as MVD")
    .nullable()
    .optional(),
  confidential: z.boolean().optional(),
});
export const userChanges = newUser
  .omit({ username: true })
  .partial()
  .extend({ disabled: z.boolean().optional() });
export const newToken = z.object({
  name: z.string().trim().min(1).max(100),
  role: ROLE,
  regions: REGIONS.nullable().optional(),
  confidential: z.boolean().optional(),
  expiresAt: z.coerce.date().optional(),
});
export const tokenChanges = z.object({ confidential: z.boolean() });
export const auditQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Administration: users, API tokens, the audit log and programme definitions (admins only). */
export function adminRouter(deps: { db: Db; now: () => Date; queues: Queues }): Router {
  const router = Router();
  router.use(["/users", "/tokens", "/audit"], requireRole("admin"));

  router.get("/users", async (_req, res) => {
    res.json({ users: (await listUsers(deps.db)).map(toPublicUser) });
  });
  router.post("/users", async (req, res) => {
    const body = parseBody(newUser, req.body);
    assertRegionsNamed(body.regions);
    await agencyKnown(deps.db, body.agency);
    assertPasswordAccepted(req, body.password, body);
    if (await findUserByUsername(deps.db, body.username)) {
      throw new HttpProblem(409, "Conflict", `the username ${body.username} is taken`);
    }
    const passwordHash = await hashPassword(body.password);
    const user = await deps.db
      .transaction()
      .execute((trx) => createUser(trx, { ...body, passwordHash }, auditActor(req)))
      .catch((error: { code?: string }) => {
        // Two requests for one name at once: the unique index decides, the loser gets 409.
        if (error.code === "23505")
          throw new HttpProblem(409, "Conflict", `the username ${body.username} is taken`);
        throw error;
      });
    res.status(201).json({ user: toPublicUser(user) });
  });
  router.patch("/users/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const { password, ...changes } = parseBody(userChanges, req.body);
    assertRegionsNamed(changes.regions);
    await agencyKnown(deps.db, changes.agency);
    if (password !== undefined) {
      const target = await findUserById(deps.db, id);
      if (!target) throw new HttpProblem(404, "Not Found", "no such user");
      assertPasswordAccepted(req, password, {
        username: target.username,
        email: changes.email !== undefined ? changes.email : target.email,
        displayName: changes.displayName !== undefined ? changes.displayName : target.display_name,
      });
    }
    const now = deps.now();
    const user = await deps.db.transaction().execute(async (trx) => {
      await assertAdminRemains(trx, id, changes);
      const updated = await updateUser(
        trx,
        id,
        { ...changes, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
        auditActor(req),
        now,
      );
      // New rights or a new password take effect at once: existing sessions end.
      if (
        updated &&
        (password || changes.role || changes.regions !== undefined || changes.disabled)
      ) {
        await revokeUserSessions(trx, id, now);
      }
      return updated;
    });
    if (!user) throw new HttpProblem(404, "Not Found", "no such user");
    res.json({ user: toPublicUser(user) });
  });

  router.get("/tokens", async (_req, res) => {
    res.json({ tokens: await listApiTokens(deps.db) });
  });
  router.post("/tokens", async (req, res) => {
    const body = parseBody(newToken, req.body);
    const principal = principalOf(req);
    assertRegionsNamed(body.regions);
    assertMayGrantConfidential(principal, body.confidential);
    const expiresAt = tokenExpiry(body.expiresAt, deps.now());
    // A token answers to the user behind its maker, so it ends when that user is disabled.
    const createdBy = principal.owner;
    const { token, info } = await deps.db
      .transaction()
      .execute((trx) => createApiToken(trx, { ...body, expiresAt, createdBy }, auditActor(req)));
    res.status(201).json({ token, info });
  });
  router.patch("/tokens/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const body = parseBody(tokenChanges, req.body);
    assertMayGrantConfidential(principalOf(req), body.confidential);
    const info = await deps.db
      .transaction()
      .execute((trx) => updateApiToken(trx, id, body, auditActor(req)));
    if (!info) throw new HttpProblem(404, "Not Found", "no such live token");
    res.json({ info });
  });
  router.delete("/tokens/:id", async (req, res) => {
    const { id } = parseQuery(idParam, req.params);
    const revoked = await deps.db
      .transaction()
      .execute((trx) => revokeApiToken(trx, id, auditActor(req), deps.now()));
    if (!revoked) {
      throw new HttpProblem(404, "Not Found", "no such live token");
    }
    res.status(204).end();
  });

  router.get("/audit", async (req, res) => {
    const q = parseQuery(auditQuery, req.query);
    res.json({ entries: await listAudit(deps.db, q) });
  });

  router.put("/programs/:code", requireRole("admin"), async (req, res) => {
    const text = typeof req.body === "string" ? req.body : JSON.stringify(req.body ?? {});
    const loaded = parseProgramDefinition(
      text,
      typeof req.body === "string" ? "program.yaml" : "program.json",
    );
    if (!loaded.ok) {
      throw new HttpProblem(
        422,
        "Unprocessable Content",
        formatDefinitionIssues(loaded.issues).trim(),
        {
          invalid: loaded.issues.map((i) => ({ field: i.path, message: i.message })),
        },
      );
    }
    if (loaded.definition.code !== req.params.code) {
      throw new HttpProblem(
        400,
        "Bad Request",
        `the file defines ${loaded.definition.code}, not ${req.params.code}`,
      );
    }
    const { force, dryRun } = parseQuery(importQuery, req.query);
    try {
      const result = await importProgram(deps.db, loaded.definition, auditActor(req), {
        force: force === "true",
        dryRun: dryRun === "true",
      });
      // The import wrote its status work; ask for it now (the reconciler does if Redis is away).
      if (result.status !== "unchanged" && !result.dryRun) {
        await enqueueStatusWork(deps.queues).catch((err: Error) =>
          req.log.warn({ err: err.message }, "status work not queued; the reconciler will"),
        );
      }
      res.status(result.status === "created" && !result.dryRun ? 201 : 200).json(result);
    } catch (error) {
      if (error instanceof ServiceError && error.code === "invalid_definition") {
        throw new HttpProblem(422, "Unprocessable Content", error.message, {
          invalid: error.details.map((d) => ({ field: d.path, message: d.message })),
        });
      }
      if (error instanceof ServiceError) throw new HttpProblem(409, "Conflict", error.message);
      throw error;
    }
  });

  // The current definition, managers' edits included: importing it back changes nothing.
  router.get("/programs/:code/definition.yaml", requireRole("admin"), async (req, res) => {
    const yaml = await programDefinitionYaml(deps.db, String(req.params.code));
    if (yaml === undefined)
      throw new HttpProblem(404, "Not Found", `no programme ${req.params.code}`);
    // The file name first: attachment() sets a type by extension (text/yaml); RFC 9512's wins.
    res
      .attachment(`${req.params.code}.yaml`)
      .type("application/yaml; charset=utf-8")
      .set("cache-control", "no-store")
      .send(yaml);
  });
  return router;
}

export const importQuery = z.object({
  force: z.enum(["true", "false"]).optional(),
  /** `true`: validate and merge, answer what would change, write nothing. */
  dryRun: z.enum(["true", "false"]).optional(),
});

/** An agency no programme lists is refused, naming the field (422). */
async function agencyKnown(db: Db, code: string | null | undefined): Promise<void> {
  await assertAgencyKnown(db, code).catch((error: unknown) => {
    throw serviceProblem(error);
  });
}

/** A token never holds a permission its creator lacks (403, naming the field). */
function assertMayGrantConfidential(principal: Principal, confidential: boolean | undefined): void {
  if (confidential && !principal.confidential) {
    throw new HttpProblem(
      403,
      "Forbidden",
      "a token cannot hold the confidential permission its creator lacks",
      {
        code: "confidential_not_held",
        invalid: [{ field: "confidential", message: "you lack the confidential permission" }],
      },
    );
  }
}

/** Refuses a change that would leave no active admin (demoting or disabling the last one). */
async function assertAdminRemains(
  trx: Transaction<Database>,
  id: string,
  changes: { role?: string; disabled?: boolean },
): Promise<void> {
  if (changes.role === undefined && !changes.disabled) return;
  const target = await findUserById(trx, id);
  if (target?.role !== "admin" || target.disabled_at) return;
  if (changes.role === "admin" && !changes.disabled) return;
  // Serialise concurrent demotions so two admins cannot remove each other at once.
  await sql`select pg_advisory_xact_lock(hashtext('last-admin'))`.execute(trx);
  const others = await trx
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .where("id", "!=", id)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) {
    throw new HttpProblem(
      409,
      "Conflict",
      "this is the last active administrator: appoint another first",
    );
  }
}
