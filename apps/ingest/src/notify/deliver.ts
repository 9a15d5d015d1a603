/**
 * Delivery of notification rows: e-mail through SMTP (nodemailer) or, with no SMTP server
 * configured, into the outbox that admins read; webhooks as signed JSON POSTs.
 */
import { createHmac } from "node:crypto";
import type { NotificationRow } from "@spm/services";
import { UnrecoverableError } from "bullmq";
import nodemailer from "nodemailer";
import { type NotificationPayload, renderEmail, renderWebhookBody } from "./render";
import { postWebhook } from "./webhook-post";

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
      const body = JSON.stringify(
        renderWebhookBody(row.id, row.payload as NotificationPayload, row.lang, options.appUrl),
      );
      const timestamp = Math.floor(Date.now() / 1000);
      const status = await postWebhook({
        url: row.address,
        headers: {
          "content-type": "application/json",
          "user-agent": "state-program-monitor",
          "x-spm-delivery": row.id,
          "x-spm-timestamp": String(timestamp),
          "x-spm-signature": signWebhook(options.webhookSecret, timestamp, body),
        },
        body,
        timeoutMs: options.webhookTimeoutMs ?? 10_000,
        allowPrivate: options.webhookAllowPrivate ?? false,
      });
      if (status < 200 || status > 299) throw new Error(`the webhook answered ${status}`);
      return { status: "sent", message: { url: row.address, status, timestamp } };
    },
    close() {
      transport?.close();
    },
  };
}
