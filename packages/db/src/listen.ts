import pg from 'pg';

export interface ListenConfig {
  connectionString: string;
  channel: string;
  applicationName?: string;
  /** Called with each notification's payload. */
  onNotification: (payload: string) => void;
  /**
   * Called when the connection is (re)established or lost. Notifications sent while it was down are
   * lost, so a cache that relies on them must forget everything on `true` after a `false`.
   */
  onStateChange?: (listening: boolean) => void;
  /** Connection problems; the listener keeps reconnecting. */
  onError?: (err: Error) => void;
  /** Wait before reconnecting; default 500 ms. */
  retryMs?: number;
}

export interface Listener {
  /** Whether LISTEN is in effect now. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * LISTEN on one channel over a dedicated connection (a pooled one would be handed to other queries),
 * reconnecting after any loss until closed.
 */
export async function listen(config: ListenConfig): Promise<Listener> {
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const setListening = (value: boolean) => {
    if (listening === value) return;
    listening = value;
    config.onStateChange?.(value);
  };
  const scheduleReconnect = () => {
    setListening(false);
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, config.retryMs ?? 500);
    retry.unref();
  };
  const connect = async () => {
    const c = new pg.Client({
      connectionString: config.connectionString,
      application_name: config.applicationName,
      connectionTimeoutMillis: 5_000,
    });
    c.on('error', (err) => {
      config.onError?.(err);
      if (client === c) client = undefined;
      c.end().catch(() => {});
      scheduleReconnect();
    });
    c.on('end', () => {
      if (client === c) {
        client = undefined;
        scheduleReconnect();
      }
    });
    c.on('notification', (msg) => {
      if (msg.channel === config.channel) config.onNotification(msg.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(config.channel)}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      setListening(true);
    } catch (err) {
      config.onError?.(err as Error);
      c.end().catch(() => {});
      scheduleReconnect();
    }
  };

  await connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      listening = false;
      await c?.end().catch(() => {});
    },
  };
}
