import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends one e-mail; resolves once the SMTP server accepted it, rejects when it did not. */
export interface MailSender {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export interface SmtpMailOptions {
  /** smtp://host:port or smtps://user:password@host:465 (SMTP_URL). */
  url: string;
  /** The From header (MAIL_FROM). */
  from: string;
  timeoutMs?: number;
}

/**
 * E-mail through nodemailer over SMTP. Development and tests point it at Mailpit, production at the
 * real relay: only the URL changes.
 */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly options: SmtpMailOptions) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.transport = createTransport({ url: options.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({ from: this.options.from, ...message });
    if (info.rejected.length > 0) throw new Error(`the SMTP server refused ${info.rejected.length} recipient(s)`);
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
