/** A progress bar on stderr (only when stderr is a terminal), with rate and ETA. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(label: string, total: number, unit: string): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const start = performance.now();
  bar.start(total, 0, { rows: 0, rate: 0 });
  return {
    update(done, extra = {}) {
      const rows = Number(extra.rows ?? 0);
      const secs = (performance.now() - start) / 1000;
      bar.update(done, {
        rows: rows.toLocaleString('en-US'),
        rate: secs > 0 ? Math.round(rows / secs).toLocaleString('en-US') : 0,
      });
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * A bar of finished items out of planned ones (runs of an experiment), with failures and the time
 * left; with `retries`, also the attempts retried (a job queue retries failed and stalled runs).
 */
export function countBar(
  label: string,
  total: number,
  unit: string,
  start = 0,
  retries = false,
): { update(done: number, failed: number, retried?: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} ${unit} | {failed} failed${retries ? ' | {retried} retried' : ''} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, start, { failed: 0, retried: 0 });
  return {
    update(done, failed, retried = 0) {
      bar.update(done, { failed, retried });
    },
    stop() {
      bar.stop();
    },
  };
}
