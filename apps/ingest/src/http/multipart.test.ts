// Multipart uploads carry one file and a few small fields; anything more, or a body that is not
// multipart as it claims, is a 4xx problem with a code, never a 500 (issue 13, finding 12).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, tokenFor } from "../test/harness";

let app: TestApp;
let auth: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  auth = { authorization: `Bearer ${await tokenFor(app.db, "steward")}` };
});

afterAll(async () => {
  await app.close();
});

async function post(body: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/api/v1/uploads?dryRun=true`, {
    method: "POST",
    headers: { ...auth, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, code: text.startsWith("{") ? JSON.parse(text).code : text };
}

const csv = () => new Blob(["indicator,period,value\nNO_SUCH,2018,1\n"], { type: "text/csv" });

describe("multipart limits", () => {
  it("3,000 extra fields are refused", async () => {
    const form = new FormData();
    for (let i = 0; i < 3000; i++) form.append(`f${i}`, "x");
    form.append("file", csv(), "a.csv");
    expect(await post(form)).toEqual({ status: 400, code: "multipart_too_many_parts" });
  });

  it("a field of 1.5 MB is refused", async () => {
    const form = new FormData();
    form.append("note", "x".repeat(1_500_000));
    form.append("file", csv(), "a.csv");
    expect(await post(form)).toEqual({ status: 400, code: "multipart_field_too_long" });
  });

  it("two files are refused", async () => {
    const form = new FormData();
    form.append("file", csv(), "a.csv");
    form.append("file", csv(), "b.csv");
    expect(await post(form)).toEqual({ status: 400, code: "multipart_too_many_files" });
  });

  it("a body that breaks off is refused", async () => {
    const body =
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nindicator';
    const res = await post(body, { "content-type": "multipart/form-data; boundary=b" });
    expect(res).toEqual({ status: 400, code: "multipart_malformed" });
  });

  it("one file with a field or two is taken", async () => {
    const form = new FormData();
    form.append("comment", "monthly figures");
    form.append("file", csv(), "a.csv");
    expect((await post(form)).status).toBe(202);
  });
});
