import { CHONGQING_COUNTIES } from '../codes/divisions/chongqing.ts';

/**
 * Mid-year populations for the demo network's counties: each county's 2020 census total spread over sex and
 * age with the age–sex structure of the three Chongqing registries in CI5-XII (person-years 2013–2017,
 * per 100,000), and a drift of 0.4 % a year around 2020. A model for demonstration, not an official table.
 */
const STRUCTURE_PER_100K: Readonly<Record<1 | 2, readonly number[]>> = {
  // 0–4, 5–9, …, 80–84, 85+ (18 five-year groups)
  1: [1860, 1801, 1785, 3436, 5177, 3699, 3178, 4232, 4785, 5084, 3384, 3778, 2671, 1852, 1295, 1008, 673, 429],
  2: [1734, 1675, 1663, 3444, 4991, 3769, 3189, 4211, 4800, 5070, 3142, 3625, 2618, 1835, 1372, 1279, 887, 569],
};

export interface PopulationRow {
  readonly divisionCode: string;
  readonly year: number;
  readonly sex: 1 | 2;
  /** Index in China's 19 age groups (0, 1–4, 5–9, …, 85+). */
  readonly ageGroup: number;
  readonly population: number;
}

export function demoPopulation(years: readonly number[]): PopulationRow[] {
  const rows: PopulationRow[] = [];
  for (const county of CHONGQING_COUNTIES) {
    for (const year of years) {
      const total = county.population * 1000 * (1 + 0.004 * (year - 2020));
      for (const sex of [1, 2] as const) {
        STRUCTURE_PER_100K[sex].forEach((share, group) => {
          const people = (total * share) / 100_000;
          // China's 19 groups split 0–4 into 0 and 1–4, one year against four.
          const parts = group === 0 ? [people / 5, (people * 4) / 5] : [people];
          parts.forEach((value, part) => rows.push({ divisionCode: county.code, year, sex, ageGroup: group === 0 ? part : group + 1, population: Math.round(value) }));
        });
      }
    }
  }
  return rows;
}
