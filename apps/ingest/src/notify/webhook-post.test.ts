// Webhooks never reach a non-public address, whatever its spelling: a real listener on loopback
// counts every request it gets and must get none.
import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isPublicAddress } from "@spm/services";
import { UnrecoverableError } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotifier } from "./deliver";
import { reminderRow } from "./test-rows";
import { postWebhook } from "./webhook-post";

let server: Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    req.resume();
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "::", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const row = (address: string) => reminderRow(address, "00000000-0000-4000-8000-000000000002");

const notifier = createNotifier({
  from: "x@example.org",
  appUrl: "http://x",
  webhookSecret: "0123456789abcdef0123",
  webhookTimeoutMs: 2000,
});

describe("the webhook address guard", () => {
  it.each([
    "127.0.0.1",
    "[::ffff:127.0.0.1]",
    "[0:0:0:0:0:ffff:7f00:1]",
    "[::ffff:7f00:1]",
    "[::127.0.0.1]",
    "[::7f00:1]",
    "[64:ff9b::7f00:1]",
    "[64:ff9b:1::7f00:1]",
    "[2002:7f00:1::]",
    "[::1]",
    "[::]",
    "0.0.0.0",
    "2130706433",
    "0x7f.1",
    "localhost",
  ])("never connects to http://%s", async (host) => {
    const before = hits;
    const error = await notifier.webhook(row(`http://${host}:${port}/hook`)).catch((e) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    // The same words for every host and port: nothing tells which ports answer.
    expect((error as Error).message).toBe("the webhook address is not a public address");
    expect(hits).toBe(before);
  });

  it("checks the address the name resolves to when connecting (no second lookup)", async () => {
    let lookups = 0;
    const resolve = ((
      _host: string,
      _options: unknown,
      callback: (e: null, a: LookupAddress[]) => void,
    ) => {
      lookups++;
      const answer: LookupAddress[] = [
        { address: "93.184.215.14", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ];
      callback(null, answer);
    }) as never;
    const post = { headers: {}, body: "{}", timeoutMs: 2000, allowPrivate: false, resolve };
    const sent = postWebhook({ ...post, url: `http://rebind.example:${port}/hook` });
    await expect(sent).rejects.toBeInstanceOf(UnrecoverableError);
    expect(lookups).toBe(1);
    expect(hits).toBe(0);
  });

  it.each([
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
    ["198.18.0.1", false],
    ["198.19.255.255", false],
    ["224.0.0.1", false],
    ["240.0.0.1", false],
    ["255.255.255.255", false],
    ["100.64.0.1", false],
    ["192.0.0.8", false],
    ["ff02::1", false],
    ["fe80::1", false],
    ["fc00::1", false],
    ["2001:db8::1", false],
    ["::ffff:8.8.8.8", false],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it("delivers to loopback only when WEBHOOK_ALLOW_PRIVATE is set", async () => {
    const open = createNotifier({
      from: "x@example.org",
      appUrl: "http://x",
      webhookSecret: "0123456789abcdef0123",
      webhookAllowPrivate: true,
    });
    const before = hits;
    const sent = await open.webhook(row(`http://127.0.0.1:${port}/hook`));
    expect(sent.status).toBe("sent");
    expect(hits).toBe(before + 1);
  });
});
