/** The default sundries: sugar and salt priced from WFP rows, the rest ours (catalogue.ts). */
import type { ProductSpec } from '../types.ts';

export const SUNDRIES: ProductSpec[] = [
  {
    // World Food Programme, via HDX: Sugar has no USD-quoted rows; median of 22 ZWL months
    // 2020-2022 as converted by WFP = USD 1.3434/kg (official rate: may overstate);
    // x 2 kg = 2.69. The cane crush (Apr-Dec) gives a faint low late in the year.
    id: 'sugar',
    name: 'Sugar',
    category: 'sundries',
    unit: '2 kg bag',
    basePrice: 2.69,
    step: 1,
    householdQty: 1,
    bulkQty: 10,
    popularity: 3,
    season: { peakSupplyMonth: 8, amplitude: 0.02 },
    source: 'wfp',
    perishable: false,
  },
  {
    // World Food Programme, via HDX: Salt has no USD-quoted rows; median of 22 ZWL months
    // 2020-2022 as converted by WFP = USD 0.6107/kg (official rate: may overstate). No season.
    id: 'salt',
    name: 'Salt',
    category: 'sundries',
    unit: 'kg',
    basePrice: 0.61,
    step: 1,
    householdQty: 1,
    bulkQty: 10,
    popularity: 1.5,
    season: { peakSupplyMonth: 1, amplitude: 0 },
    source: 'wfp',
    perishable: false,
  },
  {
    // Assumption: about USD 4 a tray; half trays are sold. Layers barely have a season.
    id: 'eggs',
    name: 'Eggs',
    category: 'sundries',
    unit: 'tray (30 eggs)',
    basePrice: 4,
    step: 0.5,
    householdQty: 0.5,
    bulkQty: 10,
    popularity: 2,
    season: { peakSupplyMonth: 1, amplitude: 0.03 },
    source: 'assumption',
    perishable: false,
  },
  {
    // Assumption: a standard loaf at about a dollar; no season.
    id: 'bread',
    name: 'Bread',
    category: 'sundries',
    unit: 'loaf',
    basePrice: 1,
    step: 1,
    householdQty: 1,
    bulkQty: 20,
    popularity: 2.5,
    season: { peakSupplyMonth: 1, amplitude: 0 },
    source: 'assumption',
    perishable: true,
  },
  {
    // Assumption: eastern highlands tea in 250 g packets; no season.
    id: 'tea',
    name: 'Tea leaves',
    category: 'sundries',
    unit: '250 g packet',
    basePrice: 1.2,
    step: 1,
    householdQty: 1,
    bulkQty: 12,
    popularity: 1,
    season: { peakSupplyMonth: 1, amplitude: 0 },
    source: 'assumption',
    perishable: false,
  },
];
