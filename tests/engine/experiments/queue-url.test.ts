/** parseQueueUrl: redis://HOST:PORT[/DB] read once, every bad value a one-line UsageError naming --queue; job ids. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentId, jobIdOf } from '../../../engine/experiments/queue-protocol.ts';
import { parseQueueUrl } from '../../../engine/experiments/queue-url.ts';

test('parseQueueUrl reads host, port and database, with the defaults 6379 and 0', () => {
  assert.deepEqual(parseQueueUrl('redis://10.0.0.5:6380/3'), {
    host: '10.0.0.5',
    port: 6380,
    db: 3,
    username: undefined,
    password: undefined,
    display: 'redis://10.0.0.5:6380/3',
  });
  assert.deepEqual(parseQueueUrl('redis://queue.lab'), {
    host: 'queue.lab',
    port: 6379,
    db: 0,
    username: undefined,
    password: undefined,
    display: 'redis://queue.lab:6379/0',
  });
});

test('parseQueueUrl keeps a password out of every message', () => {
  const u = parseQueueUrl('redis://:s3cret@127.0.0.1:6379/1');
  assert.equal(u.password, 's3cret');
  assert.equal(u.display, 'redis://:***@127.0.0.1:6379/1');
  assert.throws(
    () => parseQueueUrl('redis://:s3cret@127.0.0.1:6379/x'),
    (e: Error) => !e.message.includes('s3cret') && e.message.includes('***'),
  );
});

test('parseQueueUrl rejects other schemes, ports, databases and extras with one line naming --queue and the value', () => {
  const cases: [string, string][] = [
    ['127.0.0.1:6379', 'not a URL'],
    ['http://127.0.0.1:6379', 'the scheme must be redis:, not http:'],
    ['rediss://127.0.0.1:6379', 'the scheme must be redis:, not rediss:'],
    ['redis://127.0.0.1:6379/db1', 'DB must be a database number'],
    ['redis://127.0.0.1:6379/1?x=2', 'no query or fragment'],
    ['redis://127.0.0.1:99999', 'not a URL'],
  ];
  for (const [raw, why] of cases) {
    assert.throws(
      () => parseQueueUrl(raw),
      (e: Error) => {
        assert.equal(e.name, 'UsageError');
        assert.equal(e.message, `--queue expects redis://HOST:PORT[/DB] (${why}), got ${JSON.stringify(raw)}`);
        return true;
      },
    );
  }
});

test('job ids: the experiment id and the run label, never ":" (BullMQ refuses it) and never an integer', () => {
  const id = experimentId({ kind: 'sweep', param: 'p', values: ['0', '0.1'], seeds: ['42'] });
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(
    experimentId({ kind: 'sweep', param: 'p', values: ['0', '0.1'], seeds: ['42'] }),
    id,
    'the same arguments, the same id',
  );
  assert.notEqual(experimentId({ kind: 'sweep', param: 'p', values: ['0', '0.2'], seeds: ['42'] }), id);
  assert.equal(jobIdOf(id, 'value=0.1,seed=42'), `${id}.value=0.1,seed=42`);
});
