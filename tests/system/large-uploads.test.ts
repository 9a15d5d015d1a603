// Files of real size sent the way stewards send them: to the dashboard's origin (which forwards
// /api/* to the ingest API), with a token or a cookie session, curl's `Expect: 100-continue`
// included. The stack runs with MAX_UPLOAD_MB=60 (global-setup.ts).

import http from "node:http";
import { createTestDb, createTestUser } from "@spm/db/test/factories";
import { importProgram } from "@spm/services";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { figureKey, monthlyProgram } from "../figures";
import { tokenFor } from "../support";

const web = inject("webUrl");
const db = createTestDb();
const LIMIT_MB = 60;
function monthlyPrograms() {
  const { program, codes } = monthlyProgram(200);
  return { ...program, codes };
}

/** The i-th distinct figure of a programme: indicator, month, place, value, and a long note. */
function figure(codes: string[], i: number, noteLength: number) {
  // Pseudo-random letters (mulberry32): a note a zip cannot shrink much, like real prose.
  let seed = i + 1;
  const note = Array.from({ length: noteLength }, () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return String.fromCharCode(97 + (((t ^ (t >>> 14)) >>> 0) % 26));
  }).join("");
  return {
    ...figureKey(codes, i),
    value: (i % 997) + 0.5,
    note,
    source: `Statistical bulletin ${i % 12}, table ${i % 40}`,
  };
}

async function waitForUpload(id: string, headers: Record<string, string>) {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${web}/api/v1/uploads/${id}?errorsLimit=5`, { headers });
    const body = (await res.json()) as {
      status: string;
      counts: Record<string, number>;
      errors: unknown[];
    };
    if (body.status === "completed" || body.status === "failed") return body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`upload ${id} did not finish`);
}

/** Every row inserted, none updated, unchanged or rejected (with the errors when not). */
function expectAllInserted(
  done: { counts: Record<string, number>; errors: unknown[] },
  rows: number,
) {
  expect(done.counts, JSON.stringify(done.errors)).toEqual({
    received: rows,
    inserted: rows,
    updated: 0,
    unchanged: 0,
    rejected: 0,
  });
}

async function storedCount(codes: string[]): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from observations
    where indicator_code = any(${codes}::text[])`.execute(db);
  return Number(rows[0]?.n);
}

/** A POST as curl sends it: `Expect: 100-continue`, the body only after the server's 100. */
function postLikeCurl(url: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      headers: { ...headers, expect: "100-continue", "content-length": String(body.length) },
    });
    req.on("continue", () => req.end(body));
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
  });
}

function multipart(filename: string, type: string, content: Buffer) {
  const boundary = `----spm${Date.now()}`;
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: ${type}\r\n\r\n`;
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

async function signInCookie(): Promise<Record<string, string>> {
  const user = await createTestUser(db, { role: "steward" });
  const res = await fetch(`${web}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: web },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, origin: web };
}

let token: Record<string, string>;
let session: Record<string, string>;
beforeAll(async () => {
  token = { authorization: `Bearer ${await tokenFor("steward")}` };
  session = await signInCookie();
});
afterAll(async () => {
  await db.destroy();
});

describe("large uploads through the dashboard's origin", () => {
  it("takes a 50 MB CSV sent like curl with a token: accepted, processed, exact counts", async () => {
    const program = monthlyPrograms();
    await importProgram(db, program, "test");
    const rows = 62_000;
    const lines = ["indicator,period,region,value,flag,note,source"];
    for (let i = 0; i < rows; i++) {
      const f = figure(program.codes, i, 780);
      lines.push(`${f.indicator},${f.period},${f.region},${f.value},,${f.note},"${f.source}"`);
    }
    const csv = Buffer.from(`${lines.join("\n")}\n`);
    expect(csv.length).toBeGreaterThan(50 * 1024 * 1024);
    const form = multipart("figures.csv", "text/csv", csv);
    const res = await postLikeCurl(
      `${web}/api/v1/uploads`,
      { ...token, "content-type": form.type },
      form.body,
    );
    expect(res.status, res.body).toBe(202);
    const done = await waitForUpload(JSON.parse(res.body).uploadId, token);
    expect(done.status).toBe("completed");
    expectAllInserted(done, rows);
    expect(await storedCount(program.codes)).toBe(rows);
  }, 300_000);

  it("takes a 20 MB workbook with a cookie session", async () => {
    const program = monthlyPrograms();
    await importProgram(db, program, "test");
    const rows = 24_000;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("data");
    sheet.addRow(["indicator", "period", "region", "value", "flag", "note", "source"]);
    for (let i = 0; i < rows; i++) {
      const f = figure(program.codes, i, 1600);
      sheet.addRow([f.indicator, f.period, f.region, f.value, "", f.note, f.source]);
    }
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(xlsx.length).toBeGreaterThan(20 * 1024 * 1024);
    const form = new FormData();
    form.append("file", new Blob([xlsx]), "figures.xlsx");
    const res = await fetch(`${web}/api/v1/uploads`, {
      method: "POST",
      headers: session,
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const { uploadId } = (await res.json()) as { uploadId: string };
    const done = await waitForUpload(uploadId, session);
    expectAllInserted(done, rows);
    expect(await storedCount(program.codes)).toBe(rows);
  }, 300_000);

  it("takes a 5 MB JSON batch, with a token sent like curl and with a cookie session", async () => {
    const program = monthlyPrograms();
    await importProgram(db, program, "test");
    const half = 16_000;
    const batch = (from: number) =>
      Buffer.from(
        JSON.stringify({
          observations: Array.from({ length: half }, (_, k) => {
            const { value, ...f } = figure(program.codes, from + k, 200);
            return { ...f, value: String(value).replace(".", ",") };
          }),
        }),
      );
    const first = batch(0);
    expect(first.length).toBeGreaterThan(5 * 1024 * 1024);
    const viaToken = await postLikeCurl(
      `${web}/api/v1/observations`,
      { ...token, "content-type": "application/json", "idempotency-key": `big-${Date.now()}` },
      first,
    );
    expect(viaToken.status, viaToken.body).toBe(202);
    const viaSession = await fetch(`${web}/api/v1/observations`, {
      method: "POST",
      headers: { ...session, "content-type": "application/json" },
      body: batch(half),
    });
    expect(viaSession.status).toBe(202);
    const ids = [
      (JSON.parse(viaToken.body) as { uploadId: string }).uploadId,
      ((await viaSession.json()) as { uploadId: string }).uploadId,
    ];
    for (const [i, id] of ids.entries()) {
      const done = await waitForUpload(id, i === 0 ? token : session);
      expect(done.counts).toMatchObject({ received: half, inserted: half, rejected: 0 });
    }
    expect(await storedCount(program.codes)).toBe(2 * half);
  }, 120_000);

  it("refuses a file over the limit with 413 naming it, before and after the forwarder", async () => {
    const size = (LIMIT_MB + 1) * 1024 * 1024;
    const form = multipart("huge.csv", "text/csv", Buffer.alloc(size, "x"));
    // With a Content-Length: refused by the dashboard before a byte goes on to the API.
    const declared = await postLikeCurl(
      `${web}/api/v1/uploads`,
      { ...token, "content-type": form.type },
      form.body,
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({
      code: "upload_too_large",
      params: { limitMb: LIMIT_MB },
      detail: `the file is larger than the upload limit of ${LIMIT_MB} MB (MAX_UPLOAD_MB)`,
    });
    // Streamed without a length: the API's own limit answers, through the forwarder.
    const streamed = await fetch(`${web}/api/v1/uploads`, {
      method: "POST",
      headers: { ...token, "content-type": form.type },
      body: new Blob([form.body]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({
      code: "upload_too_large",
      params: { limitMb: LIMIT_MB },
    });
    // A JSON batch over the body limit: 413 with the limit in megabytes.
    const json = await fetch(`${web}/api/v1/observations`, {
      method: "POST",
      headers: { ...token, "content-type": "application/json" },
      body: `{"observations":["${"x".repeat(17 * 1024 * 1024)}"]}`,
    });
    expect(json.status).toBe(413);
    expect(await json.json()).toMatchObject({ code: "body_too_large", params: { limitMb: 16 } });
    // The dashboard still answers.
    expect((await fetch(`${web}/login`)).status).toBe(200);
  }, 120_000);
});
