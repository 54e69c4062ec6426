/** The default oils and fats: cooking oil priced from WFP rows, the rest ours (catalogue.ts). */
import type { ProductSpec } from '../types.ts';

export const OILS: ProductSpec[] = [
  {
    // World Food Programme, via HDX: Oil (vegetable), median of 31 USD months 2014-2017 =
    // USD 1.75/L; its month medians are flat (1.75 in 11 months of 12), hence no season.
    id: 'cooking_oil',
    name: 'Cooking oil',
    category: 'oils',
    unit: 'litre',
    basePrice: 1.75,
    step: 1,
    householdQty: 2,
    bulkQty: 20,
    popularity: 3,
    season: { peakSupplyMonth: 1, amplitude: 0 },
    source: 'wfp',
    perishable: false,
  },
  {
    // Assumption: a factory-made staple; no season.
    id: 'margarine',
    name: 'Margarine',
    category: 'oils',
    unit: '500 g tub',
    basePrice: 1.5,
    step: 1,
    householdQty: 1,
    bulkQty: 12,
    popularity: 1.2,
    season: { peakSupplyMonth: 1, amplitude: 0 },
    source: 'assumption',
    perishable: false,
  },
  {
    // Assumption: solid cooking fat, a cheaper alternative to oil; no season.
    id: 'cooking_fat',
    name: 'Cooking fat',
    category: 'oils',
    unit: '500 g block',
    basePrice: 1.3,
    step: 1,
    householdQty: 1,
    bulkQty: 12,
    popularity: 0.8,
    season: { peakSupplyMonth: 1, amplitude: 0 },
    source: 'assumption',
    perishable: false,
  },
  {
    // Assumption: made from local groundnuts, so it follows their harvest faintly.
    id: 'peanut_butter',
    name: 'Peanut butter',
    category: 'oils',
    unit: '375 ml jar',
    basePrice: 1.5,
    step: 1,
    householdQty: 1,
    bulkQty: 12,
    popularity: 1.2,
    season: { peakSupplyMonth: 6, amplitude: 0.03 },
    source: 'assumption',
    perishable: false,
  },
  {
    // Assumption: dairy butter, a better-off household's purchase; no season.
    id: 'butter',
    name: 'Butter',
    category: 'oils',
    unit: '500 g',
    basePrice: 4.5,
    step: 1,
    householdQty: 1,
    bulkQty: 6,
    popularity: 0.5,
    season: { peakSupplyMonth: 1, amplitude: 0 },
    source: 'assumption',
    perishable: false,
  },
];
