/** The default legumes and nuts: the first four priced from WFP rows, round nuts and soya ours. */
import type { ProductSpec } from '../types.ts';

export const LEGUMES: ProductSpec[] = [
  {
    // World Food Programme, via HDX: Beans, median of 33 USD months 2014-2017 = USD 1.80/kg.
    // A cosine fit of the month medians puts the trough in April, after harvest, at 0.06.
    id: 'beans',
    name: 'Beans',
    category: 'legumes',
    unit: 'kg',
    basePrice: 1.8,
    step: 0.25,
    householdQty: 1,
    bulkQty: 25,
    popularity: 2,
    season: { peakSupplyMonth: 4, amplitude: 0.06 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Beans (sugar) has no USD-quoted rows; median of 18 ZWL
    // months 2020-2022 as converted by WFP = USD 2.7057/kg (official rate: may overstate).
    // Season borrowed from the USD beans series.
    id: 'sugar_beans',
    name: 'Sugar beans',
    category: 'legumes',
    unit: 'kg',
    basePrice: 2.71,
    step: 0.25,
    householdQty: 1,
    bulkQty: 25,
    popularity: 1.5,
    season: { peakSupplyMonth: 4, amplitude: 0.06 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Cowpeas, median of 22 USD months 2014-2017 =
    // USD 0.75/kg. Its month medians swing wildly on one or two prices each, so the season
    // is assumed: a mild low after the Apr-May harvest.
    id: 'cowpeas',
    name: 'Cowpeas',
    category: 'legumes',
    unit: 'kg',
    basePrice: 0.75,
    step: 0.25,
    householdQty: 1,
    bulkQty: 25,
    popularity: 0.8,
    season: { peakSupplyMonth: 6, amplitude: 0.1 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Groundnuts (shelled), median of 31 USD months 2014-2017
    // = USD 0.91/kg. A cosine fit of the month medians gives a June trough, amplitude 0.02.
    id: 'groundnuts',
    name: 'Groundnuts',
    category: 'legumes',
    unit: 'kg',
    basePrice: 0.91,
    step: 0.25,
    householdQty: 1,
    bulkQty: 25,
    popularity: 1.5,
    season: { peakSupplyMonth: 6, amplitude: 0.02 },
    source: 'wfp',
    perishable: false,
  },
  {
    // Assumption: round nuts (nyimo) are dearer than groundnuts and lifted Apr-May.
    id: 'round_nuts',
    name: 'Round nuts',
    category: 'legumes',
    unit: 'kg',
    basePrice: 1.2,
    step: 0.25,
    householdQty: 1,
    bulkQty: 20,
    popularity: 0.6,
    season: { peakSupplyMonth: 5, amplitude: 0.15 },
    source: 'assumption',
    perishable: false,
  },
  {
    // Assumption: soya beans for home milling and relish; harvested Apr-May.
    id: 'soya_beans',
    name: 'Soya beans',
    category: 'legumes',
    unit: 'kg',
    basePrice: 0.7,
    step: 0.25,
    householdQty: 1,
    bulkQty: 25,
    popularity: 0.5,
    season: { peakSupplyMonth: 5, amplitude: 0.08 },
    source: 'assumption',
    perishable: false,
  },
];
