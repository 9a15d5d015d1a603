import { UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";
import { createNotifier } from "./deliver";
import { reminderRow } from "./test-rows";

const row = (address: string) => reminderRow(address);

describe("webhook addresses", () => {
  const notifier = createNotifier({
    from: "x@example.org",
    appUrl: "http://x",
    webhookSecret: "0123456789abcdef0123",
  });

  it.each([
    "http://127.0.0.1:9/hook",
    "http://10.1.2.3/hook",
    "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]:9/hook",
    "http://localhost:9/hook",
  ])("refuses %s for good (no retry)", async (url) => {
    const error = await notifier.webhook(row(url)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(/not a public address/);
  });

  it("refuses every webhook while no secret is configured", async () => {
    const unsigned = createNotifier({ from: "x@example.org", appUrl: "http://x" });
    await expect(unsigned.webhook(row("https://hooks.example.org/x"))).rejects.toThrow(
      "WEBHOOK_SECRET is not set",
    );
  });

  it("keeps e-mails in the outbox when no SMTP server is configured", async () => {
    const result = await notifier.email(row("someone@example.org"));
    expect(result.status).toBe("outbox");
    expect(result.message).toMatchObject({ to: "someone@example.org" });
  });
});
