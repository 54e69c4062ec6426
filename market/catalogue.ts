/**
 * The default product catalogue: what Mbare Musika sells, in which units, for how much.
 *
 * Staple prices come from World Food Programme retail prices for Harare, via HDX
 * (wfp_food_prices_zwe.csv, summarised in the shared data/harare-prices.csv; Source: World
 * Food Programme (WFP), via HDX, CC BY-IGO). Where the file has US-dollar-quoted rows (Mbare,
 * 2010-2017) the base price is the median over those rows, converted to the selling unit.
 * Rice, sugar beans, kapenta, sugar and salt have no USD-quoted rows: for them it is the median
 * of WFP's USD conversion of the 2020-2022 ZWL rows, which used official exchange rates and so
 * may overstate a dollar shopper's price; each such line says so.
 *
 * WFP does not track fresh vegetables and fruit, nor eggs, bread, margarine and the like:
 * those prices and units are our assumptions for Mbare in the US-dollar era, and their seasons
 * follow the Zimbabwe growing calendar (rains Nov-Mar, cool dry winter May-Aug, hot dry
 * Sep-Oct). Every product carries `source` so the output can tell measured from assumed.
 *
 * Quantities are in the product's unit and are multiples of 0.25 so they stay exact in
 * binary; bulk quantities are what a trader buying for resale takes in one visit.
 *
 * `perishable` marks what spoils at close if unsold: leafy greens, tomatoes and the like, fruit,
 * fresh fish and bread. Onions, potatoes, butternut and sweet potatoes keep for weeks in a
 * vendor's sacks, so they carry over like dry goods (our assumption, as for the fresh prices).
 */

import type { Catalogue } from './types.ts';

export const DEFAULT_CATALOGUE: Catalogue = {
  categories: [
    // Fresh greens and tomatoes are bought several times a week: the market's core trade.
    { id: 'vegetables', name: 'Vegetables', popularity: 0.28 },
    { id: 'fruits', name: 'Fruits', popularity: 0.16 },
    // Maize meal is the daily staple, so grains come second only to fresh vegetables.
    { id: 'grains', name: 'Grains and meal', popularity: 0.2 },
    { id: 'legumes', name: 'Legumes and nuts', popularity: 0.1 },
    { id: 'fish', name: 'Fish', popularity: 0.09 },
    { id: 'oils', name: 'Oils and fats', popularity: 0.08 },
    { id: 'sundries', name: 'Sundries', popularity: 0.09 },
  ],
  products: [
    // ---------------------------------------------------------------- vegetables (assumption)
    {
      // Assumption: ~USD 0.70/kg retail at Mbare. Rain-season blight makes tomatoes scarce
      // Nov-Jan; the post-rains crop gluts the market around April.
      id: 'tomatoes',
      name: 'Tomatoes',
      category: 'vegetables',
      unit: 'kg',
      basePrice: 0.7,
      step: 0.5,
      householdQty: 2,
      bulkQty: 40,
      popularity: 3,
      season: { peakSupplyMonth: 4, amplitude: 0.35 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: about three bundles for a dollar. Brassica greens grow best in the cool
      // dry season and wilt in the October heat.
      id: 'covo',
      name: 'Covo',
      category: 'vegetables',
      unit: 'bundle',
      basePrice: 0.35,
      step: 1,
      householdQty: 3,
      bulkQty: 60,
      popularity: 2.5,
      season: { peakSupplyMonth: 7, amplitude: 0.2 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: the cheapest green, same cool-season calendar as covo.
      id: 'rape',
      name: 'Rape',
      category: 'vegetables',
      unit: 'bundle',
      basePrice: 0.3,
      step: 1,
      householdQty: 3,
      bulkQty: 60,
      popularity: 2.5,
      season: { peakSupplyMonth: 7, amplitude: 0.2 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: mustard greens are a winter crop, scarcer than covo outside it.
      id: 'tsunga',
      name: 'Tsunga',
      category: 'vegetables',
      unit: 'bundle',
      basePrice: 0.35,
      step: 1,
      householdQty: 2,
      bulkQty: 40,
      popularity: 1.5,
      season: { peakSupplyMonth: 6, amplitude: 0.25 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: ~USD 7 a 10 kg pocket. Onions are planted Feb-Apr and lifted Aug-Oct, so
      // they are dearest in the rains when stored stock runs out.
      id: 'onions',
      name: 'Onions',
      category: 'vegetables',
      unit: 'kg',
      basePrice: 0.8,
      step: 0.5,
      householdQty: 2,
      bulkQty: 40,
      popularity: 2,
      season: { peakSupplyMonth: 9, amplitude: 0.3 },
      source: 'assumption',
      perishable: false,
    },
    {
      // Assumption: ~USD 9 a 15 kg pocket. The summer crop lands Mar-Apr; Dec-Jan is the gap.
      id: 'potatoes',
      name: 'Potatoes',
      category: 'vegetables',
      unit: 'kg',
      basePrice: 0.6,
      step: 0.5,
      householdQty: 2,
      bulkQty: 60,
      popularity: 2,
      season: { peakSupplyMonth: 4, amplitude: 0.2 },
      source: 'assumption',
      perishable: false,
    },
    {
      // Assumption: a head for about half a dollar; cabbages glut in the cool season.
      id: 'cabbage',
      name: 'Cabbage',
      category: 'vegetables',
      unit: 'each',
      basePrice: 0.5,
      step: 1,
      householdQty: 1,
      bulkQty: 30,
      popularity: 1.5,
      season: { peakSupplyMonth: 7, amplitude: 0.25 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: carrots keep and are grown under irrigation, so the swing is mild.
      id: 'carrots',
      name: 'Carrots',
      category: 'vegetables',
      unit: 'kg',
      basePrice: 0.9,
      step: 0.5,
      householdQty: 1,
      bulkQty: 20,
      popularity: 1,
      season: { peakSupplyMonth: 8, amplitude: 0.15 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: butternuts are harvested after the rains (Mar-May) and stored.
      id: 'butternut',
      name: 'Butternut',
      category: 'vegetables',
      unit: 'each',
      basePrice: 0.6,
      step: 1,
      householdQty: 2,
      bulkQty: 40,
      popularity: 1,
      season: { peakSupplyMonth: 4, amplitude: 0.3 },
      source: 'assumption',
      perishable: false,
    },
    {
      // Assumption: fresh cobs (chibage) come only from the rain-fed crop, Jan-Mar; outside it
      // a few irrigated cobs sell dear.
      id: 'green_maize',
      name: 'Green maize',
      category: 'vegetables',
      unit: 'each',
      basePrice: 0.2,
      step: 1,
      householdQty: 6,
      bulkQty: 150,
      popularity: 1.5,
      season: { peakSupplyMonth: 2, amplitude: 0.5 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: okra (derere) is a hot-season crop, plentiful in the rains.
      id: 'okra',
      name: 'Okra',
      category: 'vegetables',
      unit: 'kg',
      basePrice: 1.2,
      step: 0.25,
      householdQty: 0.5,
      bulkQty: 10,
      popularity: 0.8,
      season: { peakSupplyMonth: 2, amplitude: 0.35 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: ~USD 4 a 20 L bucket (about 13 kg); lifted Apr-Jun after the rains.
      id: 'sweet_potatoes',
      name: 'Sweet potatoes',
      category: 'vegetables',
      unit: 'bucket (20 L)',
      basePrice: 4,
      step: 0.25,
      householdQty: 0.25,
      bulkQty: 5,
      popularity: 1,
      season: { peakSupplyMonth: 5, amplitude: 0.3 },
      source: 'assumption',
      perishable: false,
    },

    // -------------------------------------------------------------------- fruits (assumption)
    {
      // Assumption: in season a 20 L bucket of ~25 mangoes goes for about USD 3-4. Mangoes ripen
      // with the rains (Nov-Jan) and are almost absent in winter, hence the widest swing here.
      id: 'mangoes',
      name: 'Mangoes',
      category: 'fruits',
      unit: 'each',
      basePrice: 0.15,
      step: 1,
      householdQty: 6,
      bulkQty: 200,
      popularity: 2.5,
      season: { peakSupplyMonth: 12, amplitude: 0.6 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: bananas from the Burma and Honde valleys arrive all year.
      id: 'bananas',
      name: 'Bananas',
      category: 'fruits',
      unit: 'kg',
      basePrice: 0.8,
      step: 0.5,
      householdQty: 1.5,
      bulkQty: 30,
      popularity: 2.5,
      season: { peakSupplyMonth: 3, amplitude: 0.1 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: the Mazowe citrus harvest runs May-Sep.
      id: 'oranges',
      name: 'Oranges',
      category: 'fruits',
      unit: 'each',
      basePrice: 0.12,
      step: 1,
      householdQty: 6,
      bulkQty: 150,
      popularity: 2,
      season: { peakSupplyMonth: 7, amplitude: 0.35 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: mostly South African imports, topped up by Nyanga apples Feb-Apr.
      id: 'apples',
      name: 'Apples',
      category: 'fruits',
      unit: 'each',
      basePrice: 0.25,
      step: 1,
      householdQty: 4,
      bulkQty: 100,
      popularity: 1.5,
      season: { peakSupplyMonth: 3, amplitude: 0.15 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: eastern highlands avocados, Mar-Aug.
      id: 'avocados',
      name: 'Avocados',
      category: 'fruits',
      unit: 'each',
      basePrice: 0.3,
      step: 1,
      householdQty: 3,
      bulkQty: 60,
      popularity: 1.2,
      season: { peakSupplyMonth: 5, amplitude: 0.35 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: a hot-season fruit grown in the rains.
      id: 'watermelons',
      name: 'Watermelons',
      category: 'fruits',
      unit: 'each',
      basePrice: 1.5,
      step: 1,
      householdQty: 1,
      bulkQty: 20,
      popularity: 0.8,
      season: { peakSupplyMonth: 1, amplitude: 0.4 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: pawpaws fruit most of the year; a mild winter peak.
      id: 'pawpaws',
      name: 'Pawpaws',
      category: 'fruits',
      unit: 'each',
      basePrice: 0.7,
      step: 1,
      householdQty: 1,
      bulkQty: 20,
      popularity: 0.8,
      season: { peakSupplyMonth: 6, amplitude: 0.15 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: lemons follow the citrus season slightly earlier than oranges.
      id: 'lemons',
      name: 'Lemons',
      category: 'fruits',
      unit: 'each',
      basePrice: 0.1,
      step: 1,
      householdQty: 5,
      bulkQty: 100,
      popularity: 0.6,
      season: { peakSupplyMonth: 6, amplitude: 0.3 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: backyard and smallholder guavas, Mar-May.
      id: 'guavas',
      name: 'Guavas',
      category: 'fruits',
      unit: 'kg',
      basePrice: 0.7,
      step: 0.5,
      householdQty: 1,
      bulkQty: 20,
      popularity: 0.6,
      season: { peakSupplyMonth: 4, amplitude: 0.45 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: masau (Ziziphus) is gathered in the dry season, Jul-Sep, and then gone.
      id: 'masau',
      name: 'Masau',
      category: 'fruits',
      unit: 'kg',
      basePrice: 1.5,
      step: 0.25,
      householdQty: 0.5,
      bulkQty: 10,
      popularity: 0.5,
      season: { peakSupplyMonth: 8, amplitude: 0.6 },
      source: 'assumption',
      perishable: true,
    },
    {
      // Assumption: Chipinge pineapples peak in the summer.
      id: 'pineapples',
      name: 'Pineapples',
      category: 'fruits',
      unit: 'each',
      basePrice: 1,
      step: 1,
      householdQty: 1,
      bulkQty: 20,
      popularity: 0.7,
      season: { peakSupplyMonth: 12, amplitude: 0.25 },
      source: 'assumption',
      perishable: true,
    },

    // ------------------------------------------------------------------------- grains (WFP)
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

    // ------------------------------------------------------------------------ legumes (WFP)
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

    // --------------------------------------------------------------------------------- fish
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

    // --------------------------------------------------------------------------------- oils
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

    // ----------------------------------------------------------------------------- sundries
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
  ],
};
