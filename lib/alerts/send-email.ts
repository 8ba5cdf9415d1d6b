import "server-only";

import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

import { getEnv } from "@/lib/config/env";
import type { AttemptResult } from "@/lib/webhooks/send-webhook";

import { composeAlertEmail } from "./email-message";
import { deliveryMessages } from "./messages";
import type { AlertPayload } from "./types";

/** Bounds on one attempt, within the delivery lease (lib/alerts/delivery-settings.ts). */
const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;

/** The transport to SMTP_URL, made on the first mail; alerts are rare, so each mail connects anew. */
function mailer(url: string): Transporter<SMTPTransport.SentMessageInfo> {
  const options: SMTPTransport.Options = {
    url,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  };
  transport ??= nodemailer.createTransport(options);
  return transport;
}

/**
 * Mails one alert to one person through SMTP_URL, from SMTP_FROM. A 5xx answer is final (the
 * server refuses this message or address: retrying changes nothing); anything else — 4xx, no
 * connection, a timeout — is retried. `error` is built from codes only, never from the server's
 * words or the URL, which holds the SMTP password.
 */
export async function sendEmail(to: string, payloadJson: string): Promise<AttemptResult> {
  const { SMTP_URL, SMTP_FROM } = getEnv();
  if (!SMTP_URL || !SMTP_FROM) return { ok: false, retry: false, error: deliveryMessages.unknownChannel };
  const payload = JSON.parse(payloadJson) as AlertPayload;
  const { subject, text } = composeAlertEmail(payload);
  try {
    const info = await mailer(SMTP_URL).sendMail({
      from: SMTP_FROM,
      to,
      subject,
      text,
      // A receiver (or a person's filter) can drop a repeat: at least once may mean twice.
      headers: { "X-Alert-Id": payload.id },
    });
    return { ok: true, statusCode: Number(/^\d{3}/.exec(info.response ?? "")?.[0] ?? 250) };
  } catch (error) {
    const { responseCode, code } = error as { responseCode?: number; code?: string };
    if (typeof responseCode === "number")
      return {
        ok: false,
        retry: responseCode < 500,
        statusCode: responseCode,
        error: deliveryMessages.mailRefused(responseCode),
      };
    return { ok: false, retry: true, error: deliveryMessages.mailUnreachable(code ?? "no answer") };
  }
}
