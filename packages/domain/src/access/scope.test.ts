import { describe, expect, it } from 'vitest';
import { divisionPrefix, resolveScope, type ScopeNode } from './scope.ts';

const network: ScopeNode[] = [
  { id: 1, parentId: null, divisionCode: '500106' },
  { id: 2, parentId: 1, divisionCode: '500235' },
  { id: 3, parentId: 2, divisionCode: '500235101' },
  { id: 4, parentId: 3, divisionCode: '500235102' },
  { id: 5, parentId: 1, divisionCode: '500114' },
];

describe('data scopes', () => {
  it('resolves a hub to itself and everything beneath it, at any depth', () => {
    expect(resolveScope('hub', { institutionId: 2, regionCode: null }, network)).toEqual({ kind: 'institutions', institutionIds: [2, 3, 4], divisionPrefix: null });
  });
  it('resolves a region to the institutions and residents within the division', () => {
    expect(resolveScope('region', { institutionId: 1, regionCode: '500235' }, network)).toEqual({ kind: 'institutions', institutionIds: [2, 3, 4], divisionPrefix: '500235' });
    expect(resolveScope('region', { institutionId: 1, regionCode: '500000' }, network)).toMatchObject({ institutionIds: [1, 2, 3, 4, 5], divisionPrefix: '50' });
  });
  it('keeps own-institution, network and aggregate scopes as they are', () => {
    expect(resolveScope('institution', { institutionId: 3, regionCode: null }, network)).toEqual({ kind: 'institutions', institutionIds: [3], divisionPrefix: null });
    expect(resolveScope('network', { institutionId: 3, regionCode: null }, network)).toEqual({ kind: 'network' });
    expect(resolveScope('aggregate', { institutionId: 3, regionCode: null }, network)).toEqual({ kind: 'aggregate' });
  });
  it('reads the significant prefix of a division code', () => {
    expect([divisionPrefix('500000'), divisionPrefix('500100'), divisionPrefix('500235'), divisionPrefix('500235101')]).toEqual(['50', '5001', '500235', '500235101']);
  });
});
