import { findReportGrant } from "@spm/db";
import { cookies } from "next/headers";
import { db } from "./db";
import { requireUser } from "./session";

/** The cookie of a report grant: the API's PDF renderer opens the report page with it. */
export const REPORT_GRANT_COOKIE = "spm_report_grant";

/**
 * Who reads the annual report: the PDF renderer holding a live grant, which carries exactly the
 * permission of the reader who asked for the PDF (and opens this page only), else a signed-in
 * viewer or higher (others are sent to sign in, as on every page).
 */
export async function requireReportReader(): Promise<{ confidential: boolean }> {
  const grant = (await cookies()).get(REPORT_GRANT_COOKIE)?.value;
  if (grant) {
    const found = await findReportGrant(db(), { id: grant, now: new Date() });
    if (found) return { confidential: found.confidential };
  }
  const user = await requireUser("viewer");
  return { confidential: user.confidential };
}
