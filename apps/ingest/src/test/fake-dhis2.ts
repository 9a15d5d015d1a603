/**
 * A DHIS2 instance as far as `GET /api/dataValueSets.json|.csv` goes, on loopback: it asks for a
 * personal access token (`Authorization: ApiToken …`) or Basic credentials and answers 401 as
 * DHIS2 does without them, 409 without a data set, org unit and period (or startDate/endDate),
 * honours `children`, and writes values as DHIS2 2.40 does.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  value: string;
  comment?: string;
}

export interface FakeDhis2 {
  url: string;
  /** Requests received: path with query, and headers. */
  requests: { url: string; headers: IncomingHttpHeaders }[];
  /** The instance's data values; tests change them between pulls. */
  values: FakeValue[];
  /** The next request gets this status (an error page), once. */
  failNext: (status: number, headers?: Record<string, string>) => void;
  close: () => Promise<void>;
}

export interface FakeDhis2Options {
  token?: string;
  basic?: { username: string; password: string };
  /** Data set id → its data elements. */
  dataSets: Record<string, string[]>;
  /** Org unit id → its parent. */
  parents: Record<string, string>;
  values: FakeValue[];
}

const DEFAULT_COMBO = "HllvX50cXC0";

const dhis2Error = (status: number, message: string) =>
  JSON.stringify({
    httpStatus: status === 401 ? "Unauthorized" : status === 409 ? "Conflict" : "Error",
    httpStatusCode: status,
    status: "ERROR",
    message,
  });

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startFakeDhis2(options: FakeDhis2Options): Promise<FakeDhis2> {
  const requests: FakeDhis2["requests"] = [];
  let failure: { status: number; headers: Record<string, string> } | null = null;
  const fake = { values: options.values } as FakeDhis2;
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    const url = new URL(req.url ?? "/", "http://fake");
    if (failure) {
      const { status, headers } = failure;
      failure = null;
      return void res
        .writeHead(status, { "content-type": "text/html", ...headers })
        .end(`<html><body>${status}</body></html>`);
    }
    const json = (status: number, body: string) =>
      res.writeHead(status, { "content-type": "application/json;charset=UTF-8" }).end(body);
    if (!authorised(req.headers.authorization, options))
      return void json(401, dhis2Error(401, "Unauthorized"));
    const match = /^\/api\/dataValueSets\.(json|csv)$/.exec(url.pathname);
    if (!match) return void json(404, dhis2Error(404, "Not found"));
    const params = url.searchParams;
    const sets = params.getAll("dataSet");
    const units = params.getAll("orgUnit");
    const periods = params.getAll("period");
    const start = params.get("startDate");
    const end = params.get("endDate");
    if (sets.length === 0)
      return void json(409, dhis2Error(409, "At least one data set must be specified"));
    if (units.length === 0)
      return void json(409, dhis2Error(409, "At least one organisation unit must be specified"));
    if (periods.length === 0 && !(start && end))
      return void json(
        409,
        dhis2Error(409, "At least one period or start/end dates must be specified"),
      );
    const elements = new Set(sets.flatMap((s) => options.dataSets[s] ?? []));
    const inUnits = (unit: string): boolean =>
      units.includes(unit) ||
      (params.get("children") === "true" &&
        !!options.parents[unit] &&
        inUnits(options.parents[unit]));
    const inPeriod = (p: string) =>
      periods.length > 0
        ? periods.includes(p)
        : p.slice(0, 4) >= (start ?? "").slice(0, 4) && p.slice(0, 4) <= (end ?? "").slice(0, 4);
    const found = fake.values
      .filter((v) => elements.has(v.dataElement) && inUnits(v.orgUnit) && inPeriod(v.period))
      .map((v) => ({
        dataElement: v.dataElement,
        period: v.period,
        orgUnit: v.orgUnit,
        categoryOptionCombo: v.categoryOptionCombo ?? DEFAULT_COMBO,
        attributeOptionCombo: v.attributeOptionCombo ?? DEFAULT_COMBO,
        value: v.value,
        storedBy: "admin",
        created: "2021-03-01T10:00:00.000+0000",
        lastUpdated: "2021-03-01T10:00:00.000+0000",
        ...(v.comment ? { comment: v.comment } : {}),
        followup: false,
      }));
    if (match[1] === "json") return void json(200, JSON.stringify({ dataValues: found }));
    const header =
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted";
    const lines = found.map((v) =>
      [
        v.dataElement,
        v.period,
        v.orgUnit,
        v.categoryOptionCombo,
        v.attributeOptionCombo,
        v.value,
        v.storedBy,
        v.lastUpdated,
        v.comment ?? "",
        "false",
        "false",
      ].join(","),
    );
    res.writeHead(200, { "content-type": "application/csv;charset=UTF-8" });
    res.end(`${[header, ...lines].join("\n")}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status: number, headers: Record<string, string> = {}) => {
      failure = { status, headers };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function authorised(header: string | undefined, options: FakeDhis2Options): boolean {
  if (!header) return false;
  if (options.token && header === `ApiToken ${options.token}`) return true;
  if (!options.basic || !header.startsWith("Basic ")) return false;
  const pair = Buffer.from(header.slice(6), "base64").toString("utf8");
  return pair === `${options.basic.username}:${options.basic.password}`;
}
