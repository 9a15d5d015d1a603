import { csvField } from "@spm/services";
import { connection, type NextRequest } from "next/server";
import { decodeSegment } from "~/lib/path-segment";
import { currentUser } from "~/lib/session";
import { approvedYears, loadIndicator, parsePageQuery, yearStatuses } from "../data";

const HEADER = [
  "indicator",
  "region",
  "year",
  "value",
  "target",
  "target_min",
  "target_max",
  "derived",
  "complete",
  "last_period",
  "status",
  "confidential",
  "approval",
];

/** The indicator's yearly series for a region (or the nation) as CSV, for signed-in users. */
export async function GET(
  request: NextRequest,
  context: { params: Promise<{ code: string }> },
): Promise<Response> {
  await connection();
  const user = await currentUser();
  if (!user) return new Response("Unauthorized\n", { status: 401 });
  const { code: rawCode } = await context.params;
  const code = decodeSegment(rawCode);
  const query = parsePageQuery(request.nextUrl.searchParams);
  // Column names and status codes are machine-readable and stay in English.
  const data =
    code === null
      ? null
      : await loadIndicator(code, query, { locale: "en", mayReadConfidential: user.confidential });
  if (!data) return new Response("Not found\n", { status: 404 });
  const statuses = yearStatuses(data);
  const approved = await approvedYears(data.program.code, data.region);
  const reported = query.reportedOn ? `-reported-${query.reportedOn}` : "";
  const lines = [HEADER.join(",")];
  for (const p of data.view.series) {
    const range = Array.isArray(p.target) ? p.target : null;
    lines.push(
      [
        code,
        data.region,
        p.year,
        p.value,
        range ? null : (p.target as number | null),
        range ? range[0] : null,
        range ? range[1] : null,
        p.derived,
        p.complete,
        p.lastPeriod,
        statuses.get(p.year)?.level ?? null,
        p.confidential,
        // Machine-readable like the status: approved or provisional (empty without a value).
        p.value === null && !p.confidential
          ? null
          : approved.has(p.year)
            ? "approved"
            : "provisional",
      ]
        .map(csvField)
        .join(","),
    );
  }
  return new Response(`${lines.join("\r\n")}\r\n`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${code}-${data.region}-${query.asOf}${reported}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
