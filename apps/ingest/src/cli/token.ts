import { parseArgs } from "node:util";
import {
  createApiToken,
  type Db,
  listApiTokens,
  revokeApiToken,
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
} from "@spm/db";
import { z } from "zod";
import { describeArgIssues, regionsArg, roleArg } from "./args";

const createArgs = z.object({
  name: z.string().trim().min(1, "--name is required").max(100),
  role: roleArg,
  regions: regionsArg.optional(),
  confidential: z.boolean().default(false),
  "expires-days": z.coerce.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
});

/** `spm token create|list|revoke`: the secret goes alone to standard output, once. */
export async function runToken(db: Db, argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      regions: { type: "string" },
      "expires-days": { type: "string" },
      confidential: { type: "boolean" },
      id: { type: "string" },
    },
  });
  if (action === "create") {
    const parsed = createArgs.safeParse(values);
    if (!parsed.success) {
      throw new Error(describeArgIssues(parsed.error));
    }
    const a = parsed.data;
    const { token, info } = await createApiToken(
      db,
      {
        name: a.name,
        role: a.role,
        regions: a.regions ?? null,
        confidential: a.confidential,
        expiresAt: new Date(Date.now() + a["expires-days"] * 86_400_000),
      },
      "cli",
    );
    process.stderr.write(
      `created ${info.role} token "${info.name}" (id ${info.id}, expires ${info.expiresAt?.toISOString()}); it is shown only once\n`,
    );
    process.stdout.write(`${token}\n`);
  } else if (action === "list") {
    for (const t of await listApiTokens(db)) {
      const state = t.revokedAt
        ? "revoked"
        : t.expiresAt && t.expiresAt < new Date()
          ? "expired"
          : "active";
      process.stdout.write(
        `${t.id}\t${t.name}\t${t.role}\t${t.regions?.join(",") ?? "*"}\t${t.confidential ? "confidential" : "-"}\t${state}\n`,
      );
    }
  } else if (action === "revoke") {
    if (!values.id) throw new Error("usage: spm token revoke --id ID");
    if (!(await revokeApiToken(db, values.id, "cli", new Date())))
      throw new Error(`no live token ${values.id}`);
    process.stderr.write(`revoked token ${values.id}\n`);
  } else {
    throw new Error(
      `usage: spm token create --name N --role R [--regions ...] [--expires-days N (default ${TOKEN_DEFAULT_DAYS}, at most ${TOKEN_MAX_DAYS})] [--confidential] | list | revoke --id ID`,
    );
  }
}
