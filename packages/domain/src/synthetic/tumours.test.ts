import { describe, expect, it } from 'vitest';
import { parseDeathRow } from '../registry/import/death-row.ts';
import { parseNotificationRow } from '../registry/import/notification-row.ts';
import { generatePersons } from './population.ts';
import { createRng } from './random.ts';
import { ci5Rates, generateRegistryData } from './tumours.ts';

const GROUPS = Array.from({ length: 17 }, (_, i) => `${i * 5}-${i * 5 + 4}`).concat('85+');
// Stomach twice as frequent as lung in men; breast only in women; rates rise with age.
const rows = GROUPS.flatMap((g, i) => [
  { cancer: 11, sex: 1, ageGroup: g, cases: 2 * i * i, py: 100_000 },
  { cancer: 21, sex: 1, ageGroup: g, cases: i * i, py: 100_000 },
  { cancer: 16, sex: 2, ageGroup: g, cases: i * i, py: 100_000 },
  { cancer: 29, sex: 2, ageGroup: g, cases: 2 * i * i, py: 100_000 },
  { cancer: 62, sex: 1, ageGroup: g, cases: 999, py: 100_000 },
]);

describe('synthetic registry data', () => {
  const rates = ci5Rates(rows);
  const out = [...generateRegistryData(generatePersons({ seed: 7, count: 20_000 }), { rng: createRng(11), rates, years: [2019, 2020, 2021, 2022, 2023], hospitals: ['H1', 'H2'], clinics: ['C1'], today: '2024-06-30', rateFactor: 4 })];
  const notes = out.filter((o) => o.kind === 'notification').map((o) => o.row);
  const deaths = out.filter((o) => o.kind === 'death').map((o) => o.row);

  it('pools CI5 rows into annual rates (all-sites rows left out)', () => {
    expect(rates.get('11|1|50-54')).toBeCloseTo((2 * 100) / 100_000, 12);
    expect([...rates.keys()].some((k) => k.startsWith('62|'))).toBe(false);
  });

  it('draws tumours in the proportions of the rates, several notifications each', () => {
    const tumours = new Map<string, string>();
    for (const n of notes) if (n.values.kind === 'pathology' || !tumours.has(n.tumourKey)) tumours.set(n.tumourKey, n.values.topography ?? '');
    const stomach = [...tumours.values()].filter((t) => t.startsWith('C16')).length;
    const lung = [...tumours.values()].filter((t) => t.startsWith('C34')).length;
    expect(tumours.size).toBeGreaterThan(300);
    expect(stomach / lung).toBeGreaterThan(1.5);
    expect(stomach / lung).toBeLessThan(2.7);
    expect(notes.length / tumours.size).toBeGreaterThan(1.4);
  });

  it('writes rows the import accepts, and deaths with ICD-10 causes, some never notified', () => {
    for (const n of notes) {
      const r = parseNotificationRow(n.values, 1, '2024-06-30');
      expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    }
    for (const d of deaths) expect(parseDeathRow(d.values, 1, '2024-06-30').ok).toBe(true);
    expect(deaths.some((d) => d.unreported)).toBe(true);
  });
});
