/**
 * Reaching the queue's Redis, checked before anything is queued or taken: an unreachable Redis, or
 * a queue holding jobs of another musika version, is bad input (a UsageError: one line, exit 2),
 * not a hang. BullMQ's own connections retry for ever (right once running: a Redis restart must not
 * lose an experiment), so the first contact is made here with a client that does not retry.
 *
 * The version: each experiment writes its musika version to VERSION_KEY when it queues runs. A
 * queue whose jobs were queued by another version is refused by experiments and workers alike
 * (metrics of two versions must not mix in one CSV); once that queue is empty, the key is free.
 */
import type { Queue, RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { UsageError } from '../errors.ts';
import { packageVersion } from '../manifest.ts';
import { VERSION_KEY } from './queue-protocol.ts';
import { parseQueueUrl, type QueueUrl } from './queue-url.ts';

/** How long the first contact may take before Redis counts as unreachable. */
const CONNECT_TIMEOUT_MS = 5000;

export interface QueueConnection {
  url: QueueUrl;
  /** A plain client for musika's own keys (the version) and reads beside BullMQ's. */
  redis: Redis;
  /** Options for BullMQ's Queue, Worker and QueueEvents (each opens its own connections). */
  connection: RedisOptions;
  close(): Promise<void>;
}

/** Parses the URL and connects once; throws a UsageError if Redis cannot be reached. */
export async function connectQueue(raw: string, flag = '--queue'): Promise<QueueConnection> {
  const url = parseQueueUrl(raw, flag);
  const base = { host: url.host, port: url.port, db: url.db, username: url.username, password: url.password };
  const redis = new Redis({
    ...base,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  // connect() rejects with "Connection is closed."; the cause (ECONNREFUSED, ...) comes as an event.
  let cause: NodeJS.ErrnoException | undefined;
  redis.on('error', (e: NodeJS.ErrnoException) => {
    cause ??= e;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    const err = cause ?? (e as NodeJS.ErrnoException);
    const why = (err.code ?? err.message ?? String(e)).split('\n')[0];
    throw new UsageError(`${flag} ${url.display}: cannot reach Redis (${why})`);
  }
  return {
    url,
    redis,
    // BullMQ's workers need maxRetriesPerRequest null (a blocking wait for jobs must not time out).
    connection: { ...base, maxRetriesPerRequest: null },
    async close() {
      redis.disconnect();
    },
  };
}

/**
 * Checks that the queue holds no jobs of another musika version; an experiment (`claim`) then marks
 * the queue with its own version. Throws a UsageError naming both versions.
 */
export async function checkVersion(
  conn: QueueConnection,
  queue: Queue,
  claim: boolean,
  flag = '--queue',
): Promise<void> {
  const version = packageVersion();
  const marked = await conn.redis.get(VERSION_KEY);
  if (marked !== null && marked !== version) {
    const counts = await queue.getJobCounts();
    const jobs = Object.values(counts).reduce((a, n) => a + n, 0);
    if (jobs > 0) {
      throw new UsageError(
        `${flag} ${conn.url.display} holds ${jobs} job${jobs === 1 ? '' : 's'} of musika ${marked}, and this is musika ${version}: let that version finish them, empty the queue (redis-cli -n ${conn.url.db} FLUSHDB), or give another /DB`,
      );
    }
  }
  if (claim && marked !== version) await conn.redis.set(VERSION_KEY, version);
}
