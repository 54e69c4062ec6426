/** The default grains and meal, every price from WFP rows, each comment naming them (catalogue.ts). */
import type { ProductSpec } from '../types.ts';

export const GRAINS: ProductSpec[] = [
  {
    // World Food Programme, via HDX: Maize, Mbare, median of 87 USD months 2010-2017 =
    // USD 0.34/kg; x 50 kg = 17.00 a bag.
    // Season from the same rows: median by calendar month is 0.37 in Feb-Mar (lean season)
    // and 0.29 in Jul-Oct (after harvest), so amplitude = ln(0.37 / 0.29) / 2 = 0.12; a
    // least-squares cosine through the 12 month medians puts the trough in August (0.13).
    id: 'maize_grain',
    name: 'Maize grain',
    category: 'grains',
    unit: '50 kg bag',
    basePrice: 17,
    step: 0.5,
    householdQty: 0.5,
    bulkQty: 4,
    popularity: 1.5,
    season: { peakSupplyMonth: 8, amplitude: 0.12 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Maize meal (white, roller), median of 33 USD months
    // 2014-2017 = USD 0.59/kg; x 10 kg = 5.90. Milling damps the grain cycle: a cosine fit
    // of the month medians gives a trough in August, amplitude 0.04.
    id: 'maize_meal',
    name: 'Roller maize meal',
    category: 'grains',
    unit: '10 kg bag',
    basePrice: 5.9,
    step: 1,
    householdQty: 1,
    bulkQty: 5,
    popularity: 3,
    season: { peakSupplyMonth: 8, amplitude: 0.04 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Maize meal (white, first grade), median of the only 2
    // USD months (2014-10, 2014-11) = USD 0.745/kg; x 10 kg = 7.45. Season as roller meal.
    id: 'breakfast_meal',
    name: 'Breakfast maize meal',
    category: 'grains',
    unit: '10 kg bag',
    basePrice: 7.45,
    step: 1,
    householdQty: 1,
    bulkQty: 5,
    popularity: 1.2,
    season: { peakSupplyMonth: 8, amplitude: 0.04 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Rice has no USD-quoted Harare rows; median of 22 ZWL
    // months 2020-2022 as converted by WFP = USD 1.1641/kg (official rate: may overstate);
    // x 2 kg = 2.33. Imported, so hardly seasonal.
    id: 'rice',
    name: 'Rice',
    category: 'grains',
    unit: '2 kg bag',
    basePrice: 2.33,
    step: 1,
    householdQty: 1,
    bulkQty: 10,
    popularity: 1.5,
    season: { peakSupplyMonth: 1, amplitude: 0.02 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Wheat, median of 25 USD months 2014-2017 = USD 0.57/kg
    // (WFP does not say grain or flour; the price suggests grain). A cosine fit of the month
    // medians gives a trough in November, after the winter crop, amplitude 0.03.
    id: 'wheat',
    name: 'Wheat',
    category: 'grains',
    unit: 'kg',
    basePrice: 0.57,
    step: 0.5,
    householdQty: 2,
    bulkQty: 50,
    popularity: 0.6,
    season: { peakSupplyMonth: 11, amplitude: 0.03 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Sorghum, median of 33 USD months 2014-2017 =
    // USD 0.46/kg. The month medians are too noisy (the 2015-16 drought falls inside) to fit
    // a season; we assume a mild one with the May-Jun harvest.
    id: 'sorghum',
    name: 'Sorghum',
    category: 'grains',
    unit: 'kg',
    basePrice: 0.46,
    step: 0.5,
    householdQty: 2,
    bulkQty: 50,
    popularity: 0.6,
    season: { peakSupplyMonth: 6, amplitude: 0.08 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Millet, median of 24 USD months 2014-2017 =
    // USD 0.34/kg. Season assumed as sorghum, for the same reason.
    id: 'millet',
    name: 'Millet',
    category: 'grains',
    unit: 'kg',
    basePrice: 0.34,
    step: 0.5,
    householdQty: 2,
    bulkQty: 50,
    popularity: 0.5,
    season: { peakSupplyMonth: 6, amplitude: 0.08 },
    source: 'wfp',
    perishable: false,
  },
];
