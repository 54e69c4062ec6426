/**
 * Clearing an oversubscribed product within one trading hour, by one rule that does not depend on
 * the order or the thread in which requests arrive: pro rata, rounded down to the product's step.
 *
 * Every request for a (zone, product) in the hour gets the same fill ratio, stock / requested
 * (1 when the stock covers them all), and receives floor(quantity x ratio / step) steps. The sum
 * of the fills never exceeds the stock; the few steps left by rounding stay on the stall.
 */

/** The share of every request that is filled, given the stock and the hour's total requested. */
export function fillRatio(stock: number, requested: number): number {
  return requested <= stock ? 1 : stock / requested;
}

/** The quantity a request of `quantity` receives at fill ratio `ratio` (whole steps). */
export function filledQuantity(quantity: number, ratio: number, step: number): number {
  if (ratio >= 1) return quantity;
  return Math.floor((quantity * ratio) / step) * step;
}

/**
 * Substitutes are taken only where the substitute's spare stock covers every substituting request
 * for it; otherwise none of them is filled and those buyers go without. All or nothing keeps the
 * outcome computable from totals. Buyers only ask stalls whose own requests were met in full, so
 * the spare stock is exactly the stock less those requests.
 */
export function substituteRatio(spare: number, requested: number): number {
  return requested <= spare ? 1 : 0;
}
