/**
 * Managing sources (admins): saved only when their address is public (the webhook rules) and
 * with the credential sealed; every change audited without the credential.
 */
import type { lookup as dnsLookup } from "node:dns";
import {
  type Actor,
  actorFields,
  type Database,
  deleteSourceRow,
  findSourceRow,
  insertSource,
  listSourceRows,
  listSourceUploads,
  loadProgramDefinitions,
  recordAudit,
  type SourceFields,
  type SourceRow,
  type Upload,
  updateSourceRow,
} from "@spm/db";
import type { Kysely } from "kysely";
import { ServiceError } from "../errors";
import { checkPublicHost } from "../network/public-address";
import {
  type NewSource,
  type SourceChanges,
  type SourceView,
  sourceSecretOwner,
  toSourceView,
} from "./compute";
import { openSecret, type SecretsKey, sealSecret } from "./secret-box";

type Db = Kysely<Database>;

export interface SourceContext {
  /** The key of SECRETS_KEY; without it no credential can be saved or used. */
  key: SecretsKey | null;
  /** Loopback and private addresses allowed (SOURCES_ALLOW_PRIVATE: tests, a same-network DHIS2). */
  allowPrivate: boolean;
  actor: Actor;
  now: Date;
  resolve?: typeof dnsLookup;
}

async function assertAddressPublic(url: string, ctx: SourceContext): Promise<void> {
  if (ctx.allowPrivate) return;
  const verdict = await checkPublicHost(new URL(url), ctx.resolve);
  if (verdict === "public") return;
  const code = verdict === "not_public" ? "address_not_public" : "address_unresolved";
  const message =
    verdict === "not_public"
      ? "the address is not a public address"
      : "the address's name does not resolve";
  throw new ServiceError(code, message, [{ path: "url", message }]);
}

function credentialOf(
  id: string,
  auth: NewSource["auth"],
  ctx: SourceContext,
): Pick<SourceFields, "authKind" | "authUsername" | "secretSealed"> {
  if (!auth || auth.kind === "none")
    return { authKind: "none", authUsername: null, secretSealed: null };
  if (!ctx.key)
    throw new ServiceError("secrets_key_unset", "credentials cannot be kept: SECRETS_KEY is unset");
  const secret = auth.kind === "token" ? auth.token : auth.password;
  return {
    authKind: auth.kind,
    authUsername: auth.kind === "basic" ? auth.username : null,
    secretSealed: sealSecret(ctx.key, sourceSecretOwner(id), secret),
  };
}

function nameTaken(error: unknown, name: string | undefined): never {
  if ((error as { code?: string }).code === "23505")
    throw new ServiceError("name_taken", `a source is already named ${name}`, [
      { path: "name", message: "taken" },
    ]);
  throw error;
}

/** Lists every source. */
export async function listSources(db: Db): Promise<SourceView[]> {
  return (await listSourceRows(db)).map(toSourceView);
}

/** One source, or undefined. */
export async function findSource(db: Db, id: string): Promise<SourceView | undefined> {
  const row = await findSourceRow(db, id);
  return row && toSourceView(row);
}

/** Saves a new source (due for a pull at once), audited. */
export async function createSource(db: Db, input: NewSource, ctx: SourceContext) {
  const programs = await loadProgramDefinitions(db);
  if (!programs.some((p) => p.code === input.program))
    throw new ServiceError("invalid_source", `no programme ${input.program}`, [
      { path: "program", message: "unknown programme" },
    ]);
  await assertAddressPublic(input.url, ctx);
  const id = crypto.randomUUID();
  const fields: SourceFields = {
    programCode: input.program,
    name: input.name,
    kind: input.kind,
    url: input.url,
    dhis2: input.kind === "dhis2" ? (input.dhis2 ?? null) : null,
    ...credentialOf(id, input.auth, ctx),
    everyMinutes: input.everyMinutes,
    enabled: input.enabled,
  };
  const row = await db
    .transaction()
    .execute(async (trx) => {
      const saved = await insertSource(trx, id, fields, actorFields(ctx.actor).actor);
      await audit(trx, ctx.actor, "source.create", saved, undefined);
      return saved;
    })
    .catch((error) => nameTaken(error, input.name));
  return toSourceView(row);
}

/** Changes a source, audited; undefined when there is none. */
export async function updateSource(
  db: Db,
  id: string,
  changes: SourceChanges,
  ctx: SourceContext,
): Promise<SourceView | undefined> {
  if (changes.url) await assertAddressPublic(changes.url, ctx);
  const row = await db
    .transaction()
    .execute(async (trx) => {
      const before = await findSourceRow(trx, id, { forUpdate: true });
      if (!before) return undefined;
      if (before.kind === "dhis2" && changes.dhis2 === null)
        throw new ServiceError("invalid_source", "a DHIS2 source names its dataSets", [
          { path: "dhis2", message: "required for a DHIS2 source" },
        ]);
      const { auth, everyMinutes, ...rest } = changes;
      const fields: Partial<SourceFields> = {
        ...rest,
        ...(everyMinutes === undefined ? {} : { everyMinutes }),
        ...(auth === undefined ? {} : credentialOf(id, auth, ctx)),
        ...(before.kind === "url" ? { dhis2: undefined } : {}),
      };
      const after = await updateSourceRow(trx, id, fields, ctx.now);
      if (after) await audit(trx, ctx.actor, "source.update", after, before);
      return after;
    })
    .catch((error) => nameTaken(error, changes.name));
  return row && toSourceView(row);
}

/** Deletes a source (its uploads stay), audited; false when there is none. */
export async function deleteSource(db: Db, id: string, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const gone = await deleteSourceRow(trx, id);
    if (gone) await audit(trx, actor, "source.delete", undefined, gone);
    return gone !== undefined;
  });
}

/** The uploads a source's pulls made, newest first. */
export async function listSourcePulls(db: Db, id: string, limit?: number): Promise<Upload[]> {
  return listSourceUploads(db, id, limit);
}

export type SourceSecretResult =
  | { ok: true; secret: string | null }
  | { ok: false; code: "secrets_key_unset" | "secret_key_changed" | "secret_damaged" };

/** The plain credential of a source, for the pull about to use it (never stored nor logged). */
export function openSourceSecret(row: SourceRow, key: SecretsKey | null): SourceSecretResult {
  if (row.secret_sealed === null) return { ok: true, secret: null };
  if (!key) return { ok: false, code: "secrets_key_unset" };
  const opened = openSecret(key, sourceSecretOwner(row.id), row.secret_sealed);
  if (opened.ok) return { ok: true, secret: opened.secret };
  return {
    ok: false,
    code: opened.reason === "key_changed" ? "secret_key_changed" : "secret_damaged",
  };
}

async function audit(
  trx: Parameters<typeof recordAudit>[0],
  actor: Actor,
  action: string,
  after: SourceRow | undefined,
  before: SourceRow | undefined,
): Promise<void> {
  const id = (after ?? before)?.id ?? "";
  await recordAudit(trx, {
    ...actorFields(actor),
    action,
    entityType: "source",
    entityId: id,
    before: before && toSourceView(before),
    after: after && toSourceView(after),
  });
}
