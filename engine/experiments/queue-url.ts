/**
 * `--queue redis://HOST:PORT[/DB]`: the Redis that holds the job queue, read once at the edge.
 * A password may be given (redis://:PASSWORD@HOST:PORT/DB); it is never echoed in messages.
 */
import { UsageError, show } from '../errors.ts';

export interface QueueUrl {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** The URL as messages show it: the password masked. */
  display: string;
}

/** Parses a --queue value; throws a UsageError naming the flag and the value. */
export function parseQueueUrl(raw: string, flag = '--queue'): QueueUrl {
  const bad = (why: string): UsageError =>
    new UsageError(
      `${flag} expects redis://HOST:PORT[/DB] (${why}), got ${show(raw.replace(/(\/\/[^:@/]*:)[^@/]*@/, '$1***@'))}`,
    );
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw bad('not a URL');
  }
  if (u.protocol !== 'redis:') throw bad(`the scheme must be redis:, not ${u.protocol}`);
  if (u.hostname === '') throw bad('no host');
  const port = u.port === '' ? 6379 : Number(u.port);
  if (!Number.isSafeInteger(port) || port < 1 || port > 65535) throw bad('the port must be 1 to 65535');
  const path = u.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,4}$/.test(path)) throw bad('DB must be a database number');
  if (u.search !== '' || u.hash !== '') throw bad('no query or fragment');
  const db = path === '' ? 0 : Number(path);
  const username = u.username === '' ? undefined : decodeURIComponent(u.username);
  const password = u.password === '' ? undefined : decodeURIComponent(u.password);
  const auth = username || password ? `${username ?? ''}${password ? ':***' : ''}@` : '';
  return { host: u.hostname, port, db, username, password, display: `redis://${auth}${u.hostname}:${port}/${db}` };
}
