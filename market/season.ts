/** Seasonal supply: a product is cheap and plentiful around its peak-supply month. */
import type { SeasonSpec } from './types.ts';

/**
 * Log-price offset of a season at a fractional calendar month (1.0 = 1 January, 12.97 = late December).
 * A cosine with its trough at the peak-supply month: lowest price when supply is highest.
 */
export function seasonalLogOffset(season: SeasonSpec, month: number, scale: number): number {
  // The peak month is a whole calendar month, so the trough sits at its middle (peak + 0.5).
  return -season.amplitude * scale * Math.cos((2 * Math.PI * (month - season.peakSupplyMonth - 0.5)) / 12);
}
