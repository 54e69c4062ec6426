/**
 * The report's clustering charts: the k sweep, prediction strength, persona x cluster heat map
 * and the PCA projection.
 * Vega-Lite specs from aggregated data, drawn by render.ts (which says what the specs leave out).
 */
import type * as vl from 'vega-lite';
import { clusterScale, personaScale } from './render.ts';

/** Silhouette and inertia per trader against k, for this run and the baseline; `natural` rings the silhouette k. */
export function kSweepSpec(
  rows: { run: string; k: number; silhouette: number; inertia: number; natural: boolean }[],
  runs: string[],
): vl.TopLevelSpec {
  const colour = { domain: runs, range: ['#1f77b4', '#999999', '#ff7f0e'].slice(0, runs.length) };
  const panel = (field: string, title: string, axisTitle: string): object => ({
    title,
    width: 320,
    height: 220,
    layer: [
      {
        mark: { type: 'line', point: { size: 30, filled: true }, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'k',
            type: 'quantitative',
            axis: { tickMinStep: 1, format: 'd' },
            scale: { nice: false, zero: false },
            title: 'k (clusters)',
          },
          y: { field, type: 'quantitative', title: axisTitle },
          color: { field: 'run', type: 'nominal', scale: colour, title: 'run' },
        },
      },
      {
        transform: [{ filter: 'datum.natural' }],
        mark: { type: 'point', shape: 'circle', size: 220, strokeWidth: 2, filled: false },
        encoding: {
          x: { field: 'k', type: 'quantitative' },
          y: { field, type: 'quantitative' },
          color: { field: 'run', type: 'nominal', scale: colour },
        },
      },
    ],
  });
  return {
    data: { values: rows },
    hconcat: [
      panel('silhouette', 'Mean silhouette (ring: silhouette k)', 'silhouette'),
      panel('inertia', 'Inertia per trader (within-cluster sum of squares)', 'inertia / trader'),
    ],
  } as vl.TopLevelSpec;
}

/**
 * Mean prediction strength against k for this run and the baseline: error bars +-1 sd over the
 * splits, a dashed line at the threshold, a ring at each run's natural k.
 */
export function predictionStrengthSpec(
  rows: { run: string; k: number; mean: number; sd: number; natural: boolean }[],
  runs: string[],
  threshold: number,
): vl.TopLevelSpec {
  const colour = { domain: runs, range: ['#1f77b4', '#999999', '#ff7f0e'].slice(0, runs.length) };
  const x = {
    field: 'k',
    type: 'quantitative',
    axis: { tickMinStep: 1, format: 'd' },
    scale: { nice: false, zero: false },
    title: 'k (clusters)',
  } as const;
  const bars = rows.map((r) => ({ ...r, lo: Math.max(0, r.mean - r.sd), hi: Math.min(1, r.mean + r.sd) }));
  return {
    title: `Prediction strength (mean \u00b1 sd over the splits; dashed: threshold ${threshold}; ring: natural k)`,
    width: 520,
    height: 240,
    data: { values: bars },
    layer: [
      {
        data: { values: [{ threshold }] },
        mark: { type: 'rule', color: '#b42318', strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { y: { field: 'threshold', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.2, opacity: 0.6 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative' },
          y2: { field: 'hi' },
          color: { field: 'run', type: 'nominal', scale: colour },
        },
      },
      {
        mark: { type: 'line', point: { size: 30, filled: true }, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: 'prediction strength', scale: { domain: [0, 1] } },
          color: { field: 'run', type: 'nominal', scale: colour, title: 'run' },
        },
      },
      {
        transform: [{ filter: 'datum.natural' }],
        mark: { type: 'point', shape: 'circle', size: 220, strokeWidth: 2, filled: false },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative' },
          color: { field: 'run', type: 'nominal', scale: colour },
        },
      },
    ],
  } as vl.TopLevelSpec;
}

/** Persona x cluster heat map: colour = share of the persona in the cluster, text = traders. */
export function heatmapSpec(
  cells: { persona: string; cluster: string; count: number; share: number }[],
  personas: string[],
  clusters: string[],
): vl.TopLevelSpec {
  return {
    data: { values: cells },
    width: { step: Math.max(44, Math.min(72, Math.floor(560 / Math.max(1, clusters.length)))) },
    height: { step: 32 },
    encoding: {
      x: {
        field: 'cluster',
        type: 'ordinal',
        sort: clusters,
        title: 'cluster (traders)',
        axis: { labelAngle: 0, orient: 'top' },
      },
      y: { field: 'persona', type: 'nominal', sort: personas, title: null },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'share',
            type: 'quantitative',
            scale: { scheme: 'blues', domain: [0, 1] },
            title: 'share of persona',
            legend: { format: '.0%', gradientLength: 150 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#222' },
        },
      },
    ],
  } as vl.TopLevelSpec;
}

/** Two panels of the same PCA projection: coloured by cluster, and by persona. */
export function projectionSpec(
  points: { x: number; y: number; cluster: string; persona: string }[],
  explained: [number, number],
  personas: string[],
  clusters: string[],
): vl.TopLevelSpec {
  const axisX = `PC1 (${(explained[0] * 100).toFixed(0)}% of variance)`;
  const axisY = `PC2 (${(explained[1] * 100).toFixed(0)}% of variance)`;
  const panel = (
    field: 'cluster' | 'persona',
    title: string,
    scale: { domain: string[]; range: string[] },
  ): object => ({
    title,
    width: 360,
    height: 300,
    mark: { type: 'point', filled: true, size: 18, opacity: 0.75 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axisX },
      y: { field: 'y', type: 'quantitative', title: axisY },
      color: { field, type: 'nominal', scale, title: field, sort: scale.domain },
    },
  });
  return {
    data: { values: points },
    hconcat: [
      panel('cluster', 'Coloured by k-means cluster', clusterScale(clusters)),
      panel('persona', 'Coloured by true persona', personaScale(personas)),
    ],
    resolve: { scale: { color: 'independent' } },
  } as vl.TopLevelSpec;
}
