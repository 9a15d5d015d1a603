// An alerting stack of its own for system tests and the alerts benchmark: a fresh database on the
// given Postgres server, a real SMTP server (smtp-server) and a webhook receiver in this process,
// the ingest API and N workers on a queue prefix of their own. Nothing else shares its alerts.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApiToken, createDb, type Db, migrateAsOwner, roleOf } from "@spm/db";
import { createTestUser } from "@spm/db/test/factories";
import type { ProgramDefinition } from "@spm/kpi";
import { importProgram } from "@spm/services";
import { sql } from "kysely";
import { SMTPServer } from "smtp-server";
import { freePort, type Proc, startIngest, waitForUrl } from "./processes";

export interface ReceivedMail {
  to: string[];
  subject: string;
  raw: string;
  at: number;
}

export interface ReceivedHook {
  body: Record<string, unknown>;
  validSignature: boolean;
  at: number;
}

export interface AlertStack {
  api: string;
  db: Db;
  steward: string;
  manager: { id: string; username: string; email: string; token: string };
  mails: ReceivedMail[];
  hooks: ReceivedHook[];
  webhookUrl: string;
  smtpUrl: string;
  /** The SMTP server answers 451 to the next `n` messages. */
  refuseNextMails: (n: number) => void;
  /** The webhook receiver answers this status (200 by default). */
  setHookStatus: (status: number) => void;
  /** Resolves when `count` mails matching `predicate` have arrived (or throws after timeout). */
  waitForMails: (
    predicate: (m: ReceivedMail) => boolean,
    count?: number,
    timeoutMs?: number,
  ) => Promise<ReceivedMail[]>;
  workers: Proc[];
  stop: () => Promise<void>;
}

const WEBHOOK_SECRET = randomBytes(24).toString("hex");

/** The Subject header, unfolded, with RFC 2047 encoded words (UTF-8, Q or B) decoded. */
function subjectOf(raw: string): string {
  const m = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw);
  const folded = (m?.[1] ?? "").replace(/\r?\n([ \t])/g, "$1").trim();
  return folded
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            "latin1",
          ).toString("utf8"),
    );
}

/**
 * Starts the stack on a new database `spm_<tag>_<random>` created by the admin's URL on its server
 * and owned by the owner's role, which migrates it; the apps connect as the app's role. The
 * programme is imported and a manager with an e-mail address created.
 */
export async function startAlertStack(options: {
  databases: { app: string; owner: string; admin: string };
  redisUrl: string;
  program: ProgramDefinition;
  workers?: number;
  tag: string;
  env?: Record<string, string>;
}): Promise<AlertStack> {
  const name = `spm_${options.tag}_${randomBytes(4).toString("hex")}`;
  const { databases } = options;
  const on = (connection: string) => {
    const url = new URL(connection);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = createDb(databases.admin, { max: 1 });
  await sql`create database ${sql.id(name)} owner ${sql.id(roleOf(databases.owner))}`.execute(
    admin,
  );
  await admin.destroy();
  await migrateAsOwner(on(databases.owner), on(databases.app));
  const url = new URL(on(databases.app));
  const db = createDb(url.toString(), { max: 4 });
  await importProgram(db, options.program, "test");
  const email = "manager@example.org";
  const user = await createTestUser(db, { role: "manager", email });
  await db.updateTable("users").set({ lang: "en" }).where("id", "=", user.id).execute();
  const [steward, manager] = await Promise.all([
    createApiToken(db, { name: "stack steward", role: "steward" }, "test"),
    createApiToken(db, { name: "stack manager", role: "manager" }, "test"),
  ]);

  const mails: ReceivedMail[] = [];
  let refuse = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    // No reverse DNS of the client: this machine has no resolver, and a lookup costs ~100 ms.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse > 0) {
          refuse -= 1;
          const error = new Error("try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: subjectOf(raw),
          raw,
          at: performance.now(),
        });
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));

  const hooks: ReceivedHook[] = [];
  let hookStatus = 200;
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const ts = String(req.headers["x-spm-timestamp"] ?? "");
      const given = Buffer.from(String(req.headers["x-spm-signature"] ?? ""));
      const expected = Buffer.from(
        `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(`${ts}.${body}`).digest("hex")}`,
      );
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      hooks.push({
        body: JSON.parse(body) as Record<string, unknown>,
        validSignature:
          fresh && given.length === expected.length && timingSafeEqual(given, expected),
        at: performance.now(),
      });
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const apiPort = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: `spm-${options.tag}-${randomBytes(4).toString("hex")}`,
    API_PORT: String(apiPort),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    SMTP_FROM: "monitor@example.org",
    WEBHOOK_SECRET,
    // The test's receiver listens on loopback.
    WEBHOOK_ALLOW_PRIVATE: "true",
    APP_URL: "http://dashboard.example.org",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const api = startIngest("server", env);
  const workers = Array.from({ length: options.workers ?? 1 }, () => startIngest("worker", env));
  const all = [api, ...workers];
  try {
    await waitForUrl(`http://127.0.0.1:${apiPort}/readyz`, api);
  } catch (error) {
    for (const p of all) p.signal("SIGKILL");
    throw error;
  }

  const waitForMails: AlertStack["waitForMails"] = async (
    predicate,
    count = 1,
    timeoutMs = 30_000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const got = mails.filter(predicate);
      if (got.length >= count) return got;
      for (const w of workers)
        if (w.child.exitCode !== null) throw new Error(`a worker died:\n${w.output.join("")}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(
      `expected ${count} mails, got ${mails.filter(predicate).length} of ${mails.length}:\n${workers.map((w) => w.output.join("")).join("\n")}`,
    );
  };

  return {
    api: `http://127.0.0.1:${apiPort}`,
    db,
    steward: steward.token,
    manager: { id: user.id, username: user.username, email, token: manager.token },
    mails,
    hooks,
    webhookUrl,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    refuseNextMails: (n) => {
      refuse = n;
    },
    setHookStatus: (status) => {
      hookStatus = status;
    },
    waitForMails,
    workers,
    stop: async () => {
      await Promise.all(all.map((p) => p.stop()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await db.destroy();
      const again = createDb(databases.admin, { max: 1 });
      await sql.raw(`drop database if exists ${name} with (force)`).execute(again);
      await again.destroy();
    },
  };
}

/** Posts one figure as JSON through the API (a steward's token). */
export async function postFigure(
  stack: Pick<AlertStack, "api" | "steward">,
  figure: { indicator: string; period: string; value: number; region?: string },
): Promise<void> {
  const res = await fetch(`${stack.api}/api/v1/observations`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${stack.steward}`,
      "content-type": "application/json",
      "idempotency-key": randomBytes(8).toString("hex"),
    },
    body: JSON.stringify({ observations: [figure] }),
  });
  if (res.status !== 202) throw new Error(`POST /observations: ${res.status} ${await res.text()}`);
}
