import type { CDPSession } from '@playwright/test';
import { setTimeout as sleep } from 'node:timers/promises';

export const kinds = ['document', 'script', 'stylesheet', 'image', 'font', 'other'] as const;
export type Kind = (typeof kinds)[number];

export type Fetched = {
  url: string;
  kind: Kind;
  /** DevTools' resource type (Document, Script, Fetch, …). */
  resourceType: string;
  status: number;
  /** Bytes on the wire: headers and the encoded (compressed) body. */
  transferBytes: number;
  /** Time to the response headers, in ms. */
  waitMs: number;
};

const kindOf: Record<string, Kind> = {
  Document: 'document',
  Script: 'script',
  Stylesheet: 'stylesheet',
  Image: 'image',
  Font: 'font',
};

type Pending = { url: string; resourceType: string; sentAt: number; status: number; respondedAt?: number };

/** Records every network request of a page over the DevTools protocol, as DevTools' Network panel counts them. */
export class NetworkLog {
  private readonly pending = new Map<string, Pending>();
  private finished: Fetched[] = [];
  private lastActivity = Date.now();

  static async attach(session: CDPSession): Promise<NetworkLog> {
    const log = new NetworkLog();
    session.on('Network.requestWillBeSent', (event) => {
      if (event.request.url.startsWith('data:')) return;
      log.lastActivity = Date.now();
      log.pending.set(event.requestId, {
        url: event.request.url,
        resourceType: event.type ?? 'Other',
        sentAt: event.timestamp,
        status: 0,
      });
    });
    session.on('Network.responseReceived', (event) => {
      const request = log.pending.get(event.requestId);
      if (!request) return;
      request.status = event.response.status;
      request.resourceType = event.type;
      request.respondedAt = event.timestamp;
    });
    session.on('Network.loadingFinished', (event) => {
      const request = log.pending.get(event.requestId);
      if (!request) return;
      log.pending.delete(event.requestId);
      log.lastActivity = Date.now();
      log.finished.push({
        url: request.url,
        kind: kindOf[request.resourceType] ?? 'other',
        resourceType: request.resourceType,
        status: request.status,
        transferBytes: event.encodedDataLength,
        waitMs: ((request.respondedAt ?? event.timestamp) - request.sentAt) * 1000,
      });
    });
    session.on('Network.loadingFailed', (event) => {
      if (log.pending.delete(event.requestId)) log.lastActivity = Date.now();
    });
    await session.send('Network.enable');
    return log;
  }

  /** Waits until no request has been in flight for `quietMs` (like Playwright's networkidle). */
  async settle(quietMs = 500, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 || Date.now() - this.lastActivity < quietMs) {
      if (Date.now() > deadline) {
        const open = [...this.pending.values()].map((request) => request.url).join(', ');
        throw new Error(`the network did not settle within ${timeoutMs / 1000} s (open: ${open})`);
      }
      await sleep(50);
    }
  }

  /** The requests finished since the last call. */
  take(): Fetched[] {
    const taken = this.finished;
    this.finished = [];
    return taken;
  }
}
