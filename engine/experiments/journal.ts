/**
 * An experiment's journal under --out: experiment.json (the arguments that decide its runs) and
 * journal/<run id>.json, one file per finished run, written under a temporary name and renamed
 * when the run ends. A killed experiment re-run with the same arguments and --out reads the
 * journal and runs only what is missing; with other arguments it stops with an error rather
 * than mixing two experiments' rows.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../analysis/common/index.ts';
import { UsageError, show } from '../errors.ts';
import type { Metrics } from './run-one.ts';

export type RunStatus = 'ok' | 'failed';

/** One run's row: what it measured, or why it failed. */
export interface RunRow {
  id: string;
  label: string;
  status: RunStatus;
  /** The failure's message (one line), when status is failed. */
  error?: string;
  metrics: Metrics;
  seconds: number;
}

export type Identity = Record<string, unknown>;

export class Journal {
  private readonly dir: string;

  private constructor(readonly out: string) {
    this.dir = join(out, 'journal');
  }

  /**
   * Opens the journal of `out` for an experiment with these arguments: creates it, or checks that
   * the one there has the same arguments. Throws a UsageError naming the first argument that differs.
   */
  static open(out: string, identity: Identity): Journal {
    const j = new Journal(out);
    const path = join(out, 'experiment.json');
    if (existsSync(path)) {
      let before: Identity;
      try {
        before = JSON.parse(readFileSync(path, 'utf8')) as Identity;
      } catch {
        throw new UsageError(`--out ${out} has an unreadable experiment.json: remove it or choose another --out`);
      }
      for (const key of new Set([...Object.keys(before), ...Object.keys(identity)])) {
        const was = JSON.stringify(before[key]);
        const now = JSON.stringify(identity[key]);
        if (was !== now) {
          throw new UsageError(
            `--out ${out} holds an experiment with other arguments (${key} was ${show(was ?? 'absent')}, now ${show(now ?? 'absent')}): re-run it with the same arguments to resume, or choose another --out`,
          );
        }
      }
    } else {
      mkdirSync(out, { recursive: true });
      writeFileAtomic(path, `${JSON.stringify(identity, null, 2)}\n`);
    }
    mkdirSync(j.dir, { recursive: true });
    return j;
  }

  /** The rows of the runs that finished well; failed runs are run again on a resume. */
  finished(): Map<string, RunRow> {
    const rows = new Map<string, RunRow>();
    for (const f of readdirSync(this.dir)) {
      if (!f.endsWith('.json')) continue;
      try {
        const row = JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as RunRow;
        if (row.status === 'ok') rows.set(row.id, row);
      } catch {
        // A row is renamed into place whole, so an unreadable one was not ours: run it again.
      }
    }
    return rows;
  }

  record(row: RunRow): void {
    writeFileAtomic(join(this.dir, `${row.id}.json`), `${JSON.stringify(row)}\n`);
  }
}
