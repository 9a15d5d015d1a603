import type { ApiTokenInfo } from "@spm/db";
import { describe, expect, it } from "vitest";
import { type TokenCreator, toTokenRow } from "./rows";

const now = new Date("2026-06-01T12:00:00Z");
const token = (over: Partial<ApiTokenInfo> = {}): ApiTokenInfo => ({
  id: "t1",
  name: "etl",
  role: "steward",
  regions: null,
  confidential: false,
  createdBy: "u1",
  createdAt: new Date("2026-05-01T00:00:00Z"),
  expiresAt: new Date("2026-07-01T00:00:00Z"),
  revokedAt: null,
  lastUsedAt: null,
  ...over,
});
const admin: TokenCreator = { username: "root", role: "admin", disabled: false };
const state = (k: ApiTokenInfo, creator?: TokenCreator) =>
  toTokenRow(k, { now, locale: "en", creators: new Map(creator ? [["u1", creator]] : []) }).state;

describe("a token's state on the admin page", () => {
  it.each([
    ["active", token(), admin],
    ["active: made on the command line", token({ createdBy: null }), undefined],
    ["suspended: creator disabled", token(), { ...admin, disabled: true }],
    ["suspended: creator now below the token's role", token(), { ...admin, role: "viewer" }],
    ["expired", token({ expiresAt: new Date("2026-05-31T00:00:00Z") }), admin],
    [
      "revoked",
      token({ revokedAt: new Date("2026-05-15T00:00:00Z") }),
      { ...admin, disabled: true },
    ],
  ] as const)("%s", (label, k, creator) => {
    expect(state(k, creator)).toBe(label.split(":")[0]);
  });
});
