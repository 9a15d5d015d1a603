// Scheduled annual reports, sent by the worker's sender: a real SMTP server and a page served on
// loopback stand in for the mail relay and the dashboard; the schedule lives in the test database.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createReportSchedule, findReportGrant } from "@spm/db";
import { buildProgram, createTestDb } from "@spm/db/test/factories";
import { importProgram, nextReportRun } from "@spm/services";
import nodemailer from "nodemailer";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportRenderer } from "./renderer";
import { sendDueReports } from "./send";

const db = createTestDb();
const program = buildProgram();
const mails: { to: string[]; raw: string }[] = [];
const grants: (boolean | undefined)[] = [];
let page: Server;
let smtp: SMTPServer;
let webUrl: string;
let smtpUrl: string;
// The sender's clock: its grants are live at this time.
let clock = new Date();

beforeAll(async () => {
  await importProgram(db, program, "test");
  page = createServer(async (req, res) => {
    const grant = /spm_report_grant=([^;]+)/.exec(req.headers.cookie ?? "")?.[1] ?? "";
    grants.push((await findReportGrant(db, { id: grant, now: clock }))?.confidential);
    res.writeHead(200, { "content-type": "text/html" }).end(`<h1>${req.url}</h1>`);
  });
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
  webUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => page.close(() => r()));
  await new Promise<void>((r) => smtp.close(() => r()));
  await db.destroy();
});

function deps(now: Date, withSmtp: boolean) {
  clock = now;
  return {
    db,
    now: () => now,
    renderer: createReportRenderer({
      chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      timeoutMs: 30_000,
      maxBytes: 5e6,
    }),
    webUrl,
    timeoutMs: 30_000,
    transport: withSmtp ? nodemailer.createTransport(smtpUrl) : null,
    from: "monitor@example.org",
    logger: pino({ level: "silent" }),
  };
}

async function due(recipients: string[], frequency: "monthly" | "quarterly") {
  return createReportSchedule(db, {
    program: program.code,
    region: null,
    lang: "ru",
    frequency,
    recipients,
    createdBy: "test",
    nextRunAt: new Date("2000-01-01T00:00:00Z"),
  });
}

const reread = (id: string) =>
  db.selectFrom("report_schedules").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("scheduled annual reports", () => {
  it("e-mail the running year's report as a PDF, rendered with no confidential permission, once", async () => {
    const schedule = await due(["a@example.org", "b@example.org"], "quarterly");
    const now = new Date("2020-05-10T08:00:00Z");
    const result = await sendDueReports(deps(now, true));
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mail = mails.find((m) => m.raw.includes(schedule.id));
    expect(mail?.to.sort()).toEqual(["a@example.org", "b@example.org"]);
    expect(mail?.raw).toContain("application/pdf");
    expect(mail?.raw).toContain(`${program.code}-2020-ru.pdf`);
    expect(grants).toContain(false);
    expect(grants).not.toContain(true);
    const after = await reread(schedule.id);
    expect(after.next_run_at).toEqual(nextReportRun("quarterly", now));
    expect(after.last_sent_at).toEqual(now);
    expect(after.last_error).toBeNull();
    // Not due again: nothing more is sent.
    const count = mails.length;
    await sendDueReports(deps(now, true));
    expect(mails.length).toBe(count);
  }, 90_000);

  it("say on the schedule why a report could not go, and try again an hour later", async () => {
    const schedule = await due(["c@example.org"], "monthly");
    const now = new Date("2020-06-10T08:00:00Z");
    await sendDueReports(deps(now, false));
    const after = await reread(schedule.id);
    expect(after.last_error).toContain("SMTP_URL");
    expect(after.next_run_at).toEqual(new Date(now.getTime() + 3600_000));
    expect(after.claimed_at).toBeNull();
    expect(mails.some((m) => m.raw.includes(schedule.id))).toBe(false);
  }, 60_000);
});
