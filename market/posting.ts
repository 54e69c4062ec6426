/**
 * The hourly posting rule: how a vendor moves the price from its daily level as the day goes.
 *
 * Cover is the stock on the stall against the sales expected for the rest of the day. Short stock
 * (cover < 1) raises the price by response x -log(cover); a perishable with slack stock
 * (cover > 1) in the last `markdownHours` trading hours is marked down by response x log(cover),
 * ramping in over that window and bounded by markdownMax. With stock that matches expected sales
 * the rule adds nothing, so it cannot shift the price level by itself.
 *
 * On top, every vendor follows the pace of trade (paceAdjustment): a storable good's reserve keeps
 * its cover above one on most days, so without it a dry-goods price would hold all day whatever
 * the trade.
 */
import type { PriceConfig } from './config.ts';

/**
 * Log-price adjustment for an hour. `hoursLeft` counts this hour: 1 in the last trading hour.
 * `cover` may be Infinity (nothing more expected to sell).
 */
export function postingAdjustment(cover: number, perishable: boolean, hoursLeft: number, price: PriceConfig): number {
  const r = price.demandResponse;
  if (r === 0) return 0;
  if (cover < 1) {
    const premium = cover <= 0 ? price.maxDeviation : -r * Math.log(cover);
    return premium < price.maxDeviation ? premium : price.maxDeviation;
  }
  if (!perishable || cover === 1 || hoursLeft > price.markdownHours || price.markdownMax === 0) return 0;
  const lateness = (price.markdownHours - hoursLeft + 1) / price.markdownHours;
  const markdown = r * Math.log(cover) * lateness;
  return -(markdown < price.markdownMax ? markdown : price.markdownMax);
}

/**
 * Log-price adjustment for the pace of trade: `ahead` is what buyers have asked for so far today
 * less what the vendor expected by this hour, as a share of the morning's stock (vendors.ts,
 * Vendors.ahead). Linear, so trade that is as often behind plan as ahead adds no price level.
 */
export function paceAdjustment(ahead: number, price: PriceConfig): number {
  if (price.demandResponse === 0) return 0;
  return price.paceResponse * ahead;
}
