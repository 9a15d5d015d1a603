import { PLACE_CODE } from "@spm/kpi";
import { z } from "zod";

/** `--role`: one of the four roles. */
export const roleArg = z.enum(["viewer", "steward", "manager", "admin"]);

/** `--regions KZ-ALA,KZ-AST`: a comma list of region codes; leave it out for every region. */
export const regionsArg = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(PLACE_CODE, "region codes like KZ-ALA"))
      .min(1, "name at least one region, or leave --regions out for every region"),
  );

/** Turns zod issues of command-line options into one readable line. */
export function describeArgIssues(error: z.ZodError): string {
  return error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ");
}
