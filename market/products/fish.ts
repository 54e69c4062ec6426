/** The default fish: kapenta priced from WFP rows, the rest ours (catalogue.ts). */
import type { ProductSpec } from '../types.ts';

export const FISH: ProductSpec[] = [
  {
    // World Food Programme, via HDX: Fish (kapenta) has no USD-quoted rows; median of 22 ZWL
    // months 2020-2022 as converted by WFP = USD 12.5364/kg. The series is noisy (1.41 to
    // 36.37); the median sits near what dried Kariba kapenta costs. Season assumed: Kariba
    // catches are best in the warm months and fall off in the cold.
    id: 'kapenta',
    name: 'Kapenta',
    category: 'fish',
    unit: 'kg',
    basePrice: 12.54,
    step: 0.25,
    householdQty: 0.5,
    bulkQty: 10,
    popularity: 3,
    season: { peakSupplyMonth: 11, amplitude: 0.1 },
    source: 'wfp',
    perishable: false,
  },
  {
    // Assumption: matemba, the cheaper dried small fish, at about 40% of kapenta.
    id: 'matemba',
    name: 'Matemba',
    category: 'fish',
    unit: 'kg',
    basePrice: 5,
    step: 0.25,
    householdQty: 0.5,
    bulkQty: 10,
    popularity: 1.5,
    season: { peakSupplyMonth: 11, amplitude: 0.1 },
    source: 'assumption',
    perishable: false,
  },
  {
    // Assumption: fresh bream (tilapia) from Lake Chivero and fish farms.
    id: 'bream',
    name: 'Fresh bream',
    category: 'fish',
    unit: 'kg',
    basePrice: 3.5,
    step: 0.5,
    householdQty: 1,
    bulkQty: 20,
    popularity: 1.5,
    season: { peakSupplyMonth: 10, amplitude: 0.1 },
    source: 'assumption',
    perishable: true,
  },
  {
    // Assumption: salted dried bream keeps, so it barely moves with the catch.
    id: 'dried_bream',
    name: 'Dried bream',
    category: 'fish',
    unit: 'kg',
    basePrice: 4.5,
    step: 0.25,
    householdQty: 0.5,
    bulkQty: 10,
    popularity: 0.8,
    season: { peakSupplyMonth: 10, amplitude: 0.05 },
    source: 'assumption',
    perishable: false,
  },
  {
    // Assumption: imported frozen mackerel, no local season.
    id: 'mackerel',
    name: 'Frozen mackerel',
    category: 'fish',
    unit: 'kg',
    basePrice: 2.5,
    step: 0.5,
    householdQty: 1,
    bulkQty: 20,
    popularity: 1,
    season: { peakSupplyMonth: 1, amplitude: 0.02 },
    source: 'assumption',
    perishable: false,
  },
];
