import { parseArgs } from "node:util";
import { createUser, type Db, findUserByUsername, hashPassword } from "@spm/db";
import { describePasswordProblem } from "@spm/kpi";
import { assertAgencyKnown, checkPassword } from "@spm/services";
import { z } from "zod";
import { describeArgIssues, regionsArg, roleArg } from "./args";

const argsSchema = z.object({
  username: z.string().regex(/^[A-Za-z0-9._@-]{3,64}$/, "3–64 letters, digits or . _ @ -"),
  role: roleArg,
  email: z.email().optional(),
  lang: z.enum(["ru", "kk", "en"]).default("ru"),
  regions: regionsArg.optional(),
  agency: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/, "an agency code such as MVD")
    .optional(),
  confidential: z.boolean().default(false),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** `spm user create`: creates an account; the password is read from standard input. */
export async function runUserCreate(db: Db, argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      username: { type: "string" },
      role: { type: "string" },
      email: { type: "string" },
      lang: { type: "string" },
      regions: { type: "string" },
      agency: { type: "string" },
      confidential: { type: "boolean" },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(describeArgIssues(parsed.error));
  }
  const args = parsed.data;
  const password = await readStdin();
  const verdict = checkPassword(password, { username: args.username, email: args.email });
  if (!verdict.ok)
    throw new Error(
      `${describePasswordProblem(verdict.code, verdict.params, "en")} (the password, standard input)`,
    );
  await assertAgencyKnown(db, args.agency).catch((error: Error) => {
    throw new Error(`${error.message} (--agency)`);
  });
  if (await findUserByUsername(db, args.username))
    throw new Error(`user "${args.username}" already exists`);
  const user = await createUser(
    db,
    {
      username: args.username,
      passwordHash: await hashPassword(password),
      role: args.role,
      email: args.email ?? null,
      lang: args.lang,
      regions: args.regions ?? null,
      agency: args.agency ?? null,
      confidential: args.confidential,
    },
    "cli",
  );
  const note = user.confidential ? " who may read confidential figures" : "";
  process.stderr.write(`created ${user.role} "${user.username}"${note}\n`);
}
