import { describe, expect, it } from 'vitest';
import { lookupDivision } from '../codes/divisions/divisions.ts';
import { TYPE_TIERS } from '../network/institution.ts';
import { validateInstitution } from '../network/validate-institution.ts';
import { demoNetwork } from './network.ts';

describe('the demo network', () => {
  const { institutions, alliances } = demoNetwork();
  const byCode = new Map(institutions.map((i) => [i.code, i]));

  it('has the shape of the real one: 1 core, 13 tumour hospitals, 26 bases, 5 alliances, ≥ 96 members', () => {
    expect(institutions.filter((i) => i.tier === 'core').map((i) => i.nameZh)).toEqual(['重庆大学附属肿瘤医院']);
    expect(institutions.filter((i) => i.type === 'county_tumour_hospital')).toHaveLength(13);
    expect(institutions.filter((i) => i.type === 'standardised_treatment_base')).toHaveLength(26);
    expect(alliances).toHaveLength(5);
    expect(institutions.length).toBeGreaterThanOrEqual(96);
    expect(institutions.map((i) => i.nameZh)).toEqual(expect.arrayContaining(['云阳县肿瘤医院', '云阳县肿瘤防治办公室']));
    expect(institutions.some((i) => i.nameZh.includes('黔江区肿瘤防治中心') && i.nameZh.includes('重庆大学附属黔江医院'))).toBe(true);
    expect(new Set(institutions.map((i) => i.code)).size).toBe(institutions.length);
  });

  it('uses known division codes, existing parents, tiers that fit types, and known alliances', () => {
    for (const inst of institutions) {
      expect(lookupDivision(inst.divisionCode), inst.code).toBeDefined();
      expect(TYPE_TIERS[inst.type]).toContain(inst.tier);
      const parent = inst.parentCode ? byCode.get(inst.parentCode) : null;
      if (inst.parentCode) expect(parent, inst.code).toBeDefined();
      expect(validateInstitution({ ...inst, parentId: parent ? 1 : null }, parent ? parent.tier : null)).toEqual([]);
      if (inst.tier === 'primary') expect(inst.divisionCode.startsWith(parent!.divisionCode)).toBe(true);
      for (const a of inst.alliances) expect(alliances.map((x) => x.code)).toContain(a);
    }
    // A member may be in several alliances.
    expect(institutions.some((i) => i.alliances.length > 1)).toBe(true);
  });
});
