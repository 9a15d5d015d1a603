/**
 * Delivery of notification rows: e-mail through SMTP (nodemailer) or, with no SMTP server
 * configured, into the outbox that admins read; webhooks as signed JSON POSTs.
 */
import { createHmac } from "node:crypto";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import type { NotificationRow } from "@spm/services";
import { UnrecoverableError } from "bullmq";
import nodemailer from "nodemailer";
import { type NotificationPayload, renderEmail, renderWebhookBody } from "./render";

/** What a delivery stored: the row's new status and the message as sent. */
export interface SendResult {
  status: "sent" | "outbox";
  message: unknown;
}

export interface Notifier {
  email(row: NotificationRow): Promise<SendResult>;
  webhook(row: NotificationRow): Promise<SendResult>;
  close(): void;
}

export interface NotifierOptions {
  /** A nodemailer URL (`smtp://host:port`); unset keeps e-mails in the outbox. */
  smtpUrl?: string;
  from: string;
  /** The dashboard's address, for links. */
  appUrl: string;
  /** The key webhooks are signed with; unset refuses webhook deliveries. */
  webhookSecret?: string;
  /** Whether webhooks may go to loopback and private addresses (off: no requests to the LAN). */
  webhookAllowPrivate?: boolean;
  webhookTimeoutMs?: number;
}

/** The signature header of a webhook body sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::1", 128],
  ["::", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

/**
 * Refuses a webhook URL whose host resolves to a loopback, private or link-local address: a
 * rule must not make the server call into its own network. Retrying cannot help.
 */
async function assertPublicHost(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true });
  for (const a of addresses) {
    const mapped = a.address.startsWith("::ffff:") ? a.address.slice(7) : a.address;
    const family = isIP(mapped) === 6 ? "ipv6" : "ipv4";
    if (PRIVATE.check(mapped, family))
      throw new UnrecoverableError(
        `the webhook host ${host} is a private address (${a.address}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
      );
  }
}

export function createNotifier(options: NotifierOptions): Notifier {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async email(row) {
      if (!row.address) throw new Error("the notification has no e-mail address");
      const rendered = renderEmail(row.payload as NotificationPayload, row.lang, options.appUrl);
      if (!transport) return { status: "outbox", message: { to: row.address, ...rendered } };
      const info = await transport.sendMail({
        from: options.from,
        to: row.address,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // One id per notification: a receiving system can drop a rare resend after a crash.
        messageId: `<${row.id}@state-program-monitor>`,
        headers: { "X-SPM-Notification": row.id },
      });
      return {
        status: "sent",
        message: {
          to: row.address,
          ...rendered,
          messageId: info.messageId,
          response: info.response,
        },
      };
    },
    async webhook(row) {
      if (!row.address) throw new Error("the notification has no webhook URL");
      if (!options.webhookSecret)
        throw new UnrecoverableError("WEBHOOK_SECRET is not set: webhooks cannot be signed");
      if (!options.webhookAllowPrivate) await assertPublicHost(row.address);
      const body = JSON.stringify(
        renderWebhookBody(row.id, row.payload as NotificationPayload, row.lang, options.appUrl),
      );
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(row.address, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "state-program-monitor",
          "x-spm-delivery": row.id,
          "x-spm-timestamp": String(timestamp),
          "x-spm-signature": signWebhook(options.webhookSecret, timestamp, body),
        },
        body,
        redirect: "error",
        signal: AbortSignal.timeout(options.webhookTimeoutMs ?? 10_000),
      });
      // The receiver's answer is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
      return { status: "sent", message: { url: row.address, status: response.status, timestamp } };
    },
    close() {
      transport?.close();
    },
  };
}
