import postgres from "postgres";
import { db } from "~/db/index";
import { decodeSignal, NEW_NOTICES_CHANNEL, NOTIFICATIONS_CHANNEL } from "./channel";

/**
 * Called when the user may have new notifications: a signal named them, or signals may have been
 * missed (the listening connection was lost and re-established).
 */
export type Wake = () => void;

const RETRY_DELAYS_MS = [250, 1_000, 2_000, 5_000];
// A connection can die without a FIN (a dropped NAT entry, a failover): a periodic round trip
// notices within a minute rather than after TCP keepalive gives up, many minutes later.
const HEARTBEAT_EVERY_MS = 30_000;
const HEARTBEAT_TIMEOUT_MS = 10_000;

/**
 * One LISTEN connection per app process, shared by every realtime stream the process serves:
 * a notifications signal names users, and only the streams of those users wake; a new-notices
 * signal wakes every open feed page. Several app instances each have their own and all receive
 * every NOTIFY, so a signal reaches its stream whichever instance holds it.
 */
class NotificationsListener {
  private readonly wakes = new Map<string, Set<Wake>>();
  private readonly feedWakes = new Set<Wake>();
  private live: postgres.Sql | null = null;
  private ready: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private connectedBefore = false;

  /** Resolves once signals for `userId` are being received; the returned function stops them. */
  async subscribe(userId: string, wake: Wake): Promise<() => void> {
    const forUser = this.wakes.get(userId) ?? new Set<Wake>();
    forUser.add(wake);
    this.wakes.set(userId, forUser);
    return this.whileListening(() => {
      forUser.delete(wake);
      if (forUser.size === 0 && this.wakes.get(userId) === forUser) this.wakes.delete(userId);
    });
  }

  /** Resolves once new-notice signals are being received; the returned function stops them. */
  async subscribeNewNotices(wake: Wake): Promise<() => void> {
    this.feedWakes.add(wake);
    return this.whileListening(() => void this.feedWakes.delete(wake));
  }

  /** How many open feed pages new-notice signals reach right now. */
  newNoticeStreams(): number {
    return this.live === null ? 0 : this.feedWakes.size;
  }

  /** Whether signals for `userId` are being received right now. */
  listensFor(userId: string): boolean {
    return this.live !== null && this.wakes.has(userId);
  }

  async stop(): Promise<void> {
    this.wakes.clear();
    this.feedWakes.clear();
    if (this.retry) clearTimeout(this.retry);
    const connection = this.live;
    this.forget();
    this.connectedBefore = false;
    await connection?.end({ timeout: 0 });
  }

  /** Hands back `unsubscribe` once signals are being received; if listening fails, unsubscribes and throws. */
  private async whileListening(unsubscribe: () => void): Promise<() => void> {
    try {
      await this.listening();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  private listening(): Promise<void> {
    this.ready ??= this.connect().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async connect(): Promise<void> {
    const options = db.$client.options;
    // The pool's own settings (postgres.js builds its `listen` connection the same way), on a
    // connection that never idles out or retires, with `onnotify`, which the typings omit.
    const settings = {
      ...(options as unknown as postgres.Options<Record<string, postgres.PostgresType>>),
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      fetch_types: false,
      connection: { ...options.connection, application_name: "tianshan_listener" },
      onnotify: (channel: string, payload: string) => this.dispatch(channel, payload),
      onclose: () => {
        if (this.live === connection) this.dropped();
      },
    };
    const connection = postgres(settings);
    try {
      await connection`LISTEN ${connection(NOTIFICATIONS_CHANNEL)}`;
      await connection`LISTEN ${connection(NEW_NOTICES_CHANNEL)}`;
    } catch (error) {
      await connection.end({ timeout: 0 });
      throw error;
    }
    this.live = connection;
    this.heartbeat = setInterval(() => void this.beat(connection), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
    // Whatever was notified while no connection listened is in the table: every stream catches up.
    if (this.connectedBefore) this.wakeAll();
    this.connectedBefore = true;
  }

  private async beat(connection: postgres.Sql): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("listener heartbeat timed out")), HEARTBEAT_TIMEOUT_MS);
    });
    try {
      await Promise.race([connection`SELECT 1`, timeout]);
    } catch {
      if (this.live === connection) this.dropped();
    } finally {
      clearTimeout(timer);
    }
  }

  private dropped(): void {
    const connection = this.live;
    this.forget();
    void connection?.end({ timeout: 0 }).catch(() => {});
    this.reconnect(0);
  }

  private forget(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.live = null;
    this.ready = null;
  }

  private reconnect(attempt: number): void {
    if (this.wakes.size === 0 && this.feedWakes.size === 0) return;
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
    this.retry = setTimeout(() => {
      this.retry = null;
      this.listening().catch(() => this.reconnect(attempt + 1));
    }, delay);
    this.retry.unref();
  }

  private dispatch(channel: string, payload: string): void {
    if (channel === NEW_NOTICES_CHANNEL) {
      for (const wake of this.feedWakes) wake();
      return;
    }
    for (const userId of decodeSignal(payload)) for (const wake of this.wakes.get(userId) ?? []) wake();
  }

  private wakeAll(): void {
    for (const forUser of this.wakes.values()) for (const wake of forUser) wake();
    for (const wake of this.feedWakes) wake();
  }
}

// One per process; globalThis because Next's dev server re-evaluates modules.
const cache = globalThis as unknown as { tianshanNotificationsListener?: NotificationsListener };

export const notificationsListener = (): NotificationsListener => (cache.tianshanNotificationsListener ??= new NotificationsListener());
