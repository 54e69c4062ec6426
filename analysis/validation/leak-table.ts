/**
 * How well one transaction column, on its own, predicts the persona of the buyer: the accuracy of
 * the best "majority persona per value" rule, with the column's values put into at most `bins`
 * bins. The rule is fitted and scored on the same rows, which flatters it (with 50 bins and
 * hundreds of thousands of rows, by a negligible amount), so a column below the threshold
 * certainly does not reveal the persona.
 *
 * Binning is decided from the first `buffer` rows, so the column is read in one pass with bounded
 * memory: a column whose buffered values all parse as numbers and take more than `bins` distinct
 * values gets quantile bins (edges at the buffered values' quantiles, later values placed by
 * binary search, the outer bins open-ended); any other column is categorical, its `bins - 1` most
 * frequent buffered values each a bin and everything else one "other" bin.
 */

export interface ColumnLeak {
  column: string;
  kind: 'numeric' | 'categorical';
  bins: number;
  rows: number;
  /** Accuracy of the majority-persona-per-bin rule. */
  accuracy: number;
  /** Accuracy of always guessing the most common persona: what no information gives. */
  baseRate: number;
}

export class LeakTable {
  private readonly pendingValues: (string | number)[] = [];
  private readonly pendingPersona: number[] = [];
  private numericEdges: Float64Array | undefined;
  private categories: Map<string | number, number> | undefined;
  private counts: Float64Array | undefined;
  private binCount = 0;

  constructor(
    readonly column: string,
    private readonly personas: number,
    private readonly maxBins: number,
    readonly buffer = 20_000,
  ) {}

  /** One row: its value in this column (a number, or text) and the buyer's persona. */
  add(value: string | number, persona: number): void {
    if (this.counts) {
      this.counts[this.bin(value) * this.personas + persona]++;
      return;
    }
    this.pendingValues.push(value);
    this.pendingPersona.push(persona);
    if (this.pendingValues.length >= this.buffer) this.decide();
  }

  private decide(): void {
    const values = this.pendingValues;
    this.decideOn(values);
    const counts = this.counts!;
    for (let i = 0; i < values.length; i++) counts[this.bin(values[i]) * this.personas + this.pendingPersona[i]]++;
    this.pendingValues.length = 0;
    this.pendingPersona.length = 0;
  }

  /**
   * Decides the bins from `values`, the column's first `buffer` rows (all of them when fewer),
   * without counting them: every row, those included, is then given by add or addCode. The same
   * bins as buffering them through add, so a reader can learn them before its pass (run-data.ts).
   */
  decideOn(values: readonly (string | number)[]): void {
    const B = this.maxBins;
    let numeric = values.length > 0;
    const distinct = new Map<string | number, number>();
    for (const v of values) {
      if (numeric && (typeof v === 'number' ? !Number.isFinite(v) : v.trim() === '' || !Number.isFinite(Number(v))))
        numeric = false;
      distinct.set(v, (distinct.get(v) ?? 0) + 1);
    }
    if (numeric && distinct.size > B) {
      const sorted = Float64Array.from(values, Number).sort();
      const edges: number[] = [];
      for (let k = 1; k < B; k++) {
        const e = sorted[Math.floor((k * sorted.length) / B)];
        if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
      }
      this.numericEdges = Float64Array.from(edges);
      this.binCount = edges.length + 1;
    } else {
      const top = [...distinct.entries()].sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1));
      const keep = top.length <= B ? top.length : B - 1;
      this.categories = new Map(top.slice(0, keep).map(([v], i) => [v, i]));
      this.binCount = top.length <= B ? Math.max(1, keep) : B;
    }
    this.counts = new Float64Array(this.binCount * this.personas);
  }

  /**
   * Once decided on text: its categories in bin order, to ask the scan for the column as codes
   * (scan.ts, CodedColumn); undefined for numeric bins or before deciding.
   */
  textCategories(): string[] | undefined {
    if (!this.categories) return undefined;
    const keys = [...this.categories.keys()];
    return keys.every((k) => typeof k === 'string') ? (keys as string[]) : undefined;
  }

  /** One row given as its code over textCategories(): 1 + its position there, 0 for any other value. */
  addCode(code: number, persona: number): void {
    // As bin(): a value not among the categories goes to the last bin.
    this.counts![(code > 0 ? code - 1 : this.binCount - 1) * this.personas + persona]++;
  }

  private bin(value: string | number): number {
    if (this.numericEdges) {
      const x = Number(value);
      const e = this.numericEdges;
      if (!Number.isFinite(x)) return e.length; // unparseable values share the top bin
      // First edge greater than x: values equal to an edge go to the bin above it.
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (e[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    const k = this.categories!.get(value);
    return k ?? this.binCount - 1;
  }

  result(): ColumnLeak {
    if (!this.counts) this.decide();
    const counts = this.counts!;
    const P = this.personas;
    let rows = 0;
    let correct = 0;
    const perPersona = new Float64Array(P);
    for (let b = 0; b < this.binCount; b++) {
      let best = 0;
      for (let p = 0; p < P; p++) {
        const k = counts[b * P + p];
        rows += k;
        perPersona[p] += k;
        if (k > best) best = k;
      }
      correct += best;
    }
    return {
      column: this.column,
      kind: this.numericEdges ? 'numeric' : 'categorical',
      bins: this.binCount,
      rows,
      accuracy: rows > 0 ? correct / rows : NaN,
      baseRate: rows > 0 ? Math.max(...perPersona) / rows : NaN,
    };
  }
}
