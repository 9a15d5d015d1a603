import { describe, expect, it } from "vitest";
import { newSourceSchema, pullRequestOf } from "./compute";

const dhis2 = {
  kind: "dhis2" as const,
  url: "https://dhis2.example.org/dhis/",
  dhis2: { dataSets: ["BfMAe6Itzgt"], orgUnits: ["ImspTQPwCqd"], children: false, lastYears: 3 },
  auth_kind: "basic" as const,
  auth_username: "etl",
};

describe("the request of a pull", () => {
  it("asks DHIS2's dataValueSets for the last N calendar years, with Basic credentials", () => {
    const { url, headers } = pullRequestOf(
      dhis2,
      "pw:with:colons",
      new Date("2026-03-01T00:00:00Z"),
    );
    expect(url.toString()).toBe(
      "https://dhis2.example.org/dhis/api/dataValueSets.json?dataSet=BfMAe6Itzgt&orgUnit=ImspTQPwCqd&startDate=2024-01-01&endDate=2026-12-31",
    );
    expect(headers.authorization).toBe(
      `Basic ${Buffer.from("etl:pw:with:colons").toString("base64")}`,
    );
  });

  it("fetches a URL source's address as it is, with a token as DHIS2 takes it", () => {
    const source = {
      ...dhis2,
      kind: "url" as const,
      url: "https://x.example/a.csv?q=1",
      auth_kind: "token" as const,
    };
    const { url, headers } = pullRequestOf(source, "d2pat_x", new Date());
    expect([url.toString(), headers.authorization]).toEqual([
      "https://x.example/a.csv?q=1",
      "ApiToken d2pat_x",
    ]);
  });
});

describe("a new source", () => {
  it.each([
    [{ url: "ftp://x.example/a.csv" }, "url"],
    [{ url: "https://user:pw@x.example/a.csv" }, "url"],
    [{ everyMinutes: 5 }, "everyMinutes"],
    [{ kind: "dhis2" }, "dhis2"],
    [
      { kind: "dhis2", dhis2: { dataSets: ["x"], orgUnits: ["ImspTQPwCqd"], lastYears: 1 } },
      "dhis2.dataSets.0",
    ],
    [
      { kind: "dhis2", dhis2: { dataSets: ["BfMAe6Itzgt"], orgUnits: ["ImspTQPwCqd"] } },
      "dhis2.periods",
    ],
  ])("is refused naming the field: %j", (change, field) => {
    const base = { program: "P", name: "n", kind: "url", url: "https://x.example/a.csv" };
    const result = newSourceSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
