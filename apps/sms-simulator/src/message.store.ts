import { randomBytes } from 'node:crypto';

export interface SentMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  dateCreated: string;
}

/** What the fake provider accepted, newest first. Bounded so a long-running dev stack cannot grow without end. */
export class MessageStore {
  private readonly messages: SentMessage[] = [];

  constructor(private readonly capacity = 10_000) {}

  add(to: string, from: string, body: string): SentMessage {
    const message = { sid: `SM${randomBytes(16).toString('hex')}`, to, from, body, dateCreated: new Date().toISOString() };
    this.messages.unshift(message);
    if (this.messages.length > this.capacity) this.messages.length = this.capacity;
    return message;
  }

  list(filter: { to?: string } = {}): SentMessage[] {
    return filter.to ? this.messages.filter((m) => m.to === filter.to) : [...this.messages];
  }
}
