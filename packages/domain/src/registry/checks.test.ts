import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTumour, type RawTumour } from './checks.ts';

const today = '2024-06-30';
const base: RawTumour = { sex: '1', birthDate: '1950-03-01', incidenceDate: '2020-05-10', topography: 'C16.9', morphology: '8140', behaviour: '3', grade: '2', basis: '7' };
const rules = (raw: RawTumour) => checkTumour({ ...base, ...raw }, { today }).results.map((r) => `${r.rule}:${r.severity}`);

describe('registry checks (IARC TR42)', () => {
  it('passes a plausible gastric adenocarcinoma', () => {
    expect(rules({})).toEqual([]);
  });
  it('reports invalid codes as errors naming the field', () => {
    const r = checkTumour({ ...base, topography: 'C16.7', morphology: '81x0', basis: 'A', sex: '3' }, { today }).results;
    expect(r.filter((x) => x.severity === 'error').map((x) => x.rule).sort()).toEqual(['code.basis', 'code.morphology', 'code.sex', 'code.topography']);
    expect(r.find((x) => x.rule === 'code.topography')?.fields).toEqual(['topography']);
    expect(r.find((x) => x.rule === 'code.topography')?.message.zh).toContain('部位编码');
  });
  it('rejects a morphology not in ICD-O-3 and an impossible behaviour', () => {
    expect(rules({ morphology: '8888' })).toContain('code.morphology:error');
    expect(rules({ behaviour: '5' })).toContain('code.behaviour:error');
  });
  it('warns on a rare morphology/behaviour combination', () => {
    expect(rules({ morphology: '8000', behaviour: '2' })).toContain('code.morphology-behaviour:warning');
  });
  it('sex/site is an error, sex/morphology a warning or an error for sex-specific histologies', () => {
    expect(rules({ topography: 'C53.9', morphology: '8070' })).toContain('sex.site:error');
    expect(rules({ sex: '2', topography: 'C61.9', morphology: '8140' })).toContain('sex.site:error');
    expect(rules({ topography: 'C16.9', morphology: '8930' })).toContain('sex.morphology:error');
    expect(rules({ topography: 'C56.9', morphology: '8441' })).toContain('sex.morphology:warning');
    expect(rules({ sex: '2', topography: 'C16.9', morphology: '9061' })).toContain('sex.morphology:warning');
    expect(rules({ topography: 'C56.9', morphology: '9084' })).toContain('sex.morphology:warning');
  });
  it('age checks flag childhood and adult tumours at the wrong age', () => {
    expect(rules({ birthDate: '2015-01-01', topography: 'C53.9', sex: '2', morphology: '8070' })).toContain('age.site:warning');
    expect(rules({ topography: 'C64.9', morphology: '8960' })).toContain('age.morphology:warning');
    expect(rules({ birthDate: '1990-01-01', topography: 'C61.9', morphology: '8140' })).toContain('age.site-morphology:warning');
  });
  it('site/morphology families: hepatocellular carcinoma of the stomach is unlikely', () => {
    const r = checkTumour({ ...base, morphology: '8170' }, { today }).results;
    const f = r.find((x) => x.rule === 'site.morphology');
    expect(f?.severity).toBe('warning');
    expect(f?.message.en).toContain('C22');
  });
  it('behaviour/site and basis/morphology', () => {
    expect(rules({ topography: 'C71.9', morphology: '9440', behaviour: '2' })).toContain('behaviour.site:warning');
    expect(rules({ basis: '1' })).toContain('basis.morphology:warning');
    expect(rules({ basis: '1', morphology: '8000' })).not.toContain('basis.morphology:warning');
  });
  it('date checks: order and future dates relative to the given today', () => {
    expect(rules({ incidenceDate: '1949-01-01' })).toContain('dates.birth-incidence:error');
    expect(rules({ deathDate: '2019-01-01' })).toContain('dates.incidence-death:error');
    expect(rules({ incidenceDate: '2024-07-01' })).toContain('dates.future:error');
    expect(checkTumour({ ...base, incidenceDate: '2024-07-01' }, { today: '2024-07-02' }).results).toEqual([]);
    expect(rules({ age: '50' })).toContain('dates.age-mismatch:error');
  });
  it('uses the age column when there is no birth date, and warns when age is unknown', () => {
    expect(rules({ birthDate: '', age: '70' })).toEqual([]);
    expect(rules({ birthDate: '', age: '' })).toContain('age.unknown:warning');
  });
  it('never throws and lists errors before warnings, on any input (property)', () => {
    const field = fc.oneof(fc.string(), fc.constantFrom('', '1', '2', 'C16.9', 'C169', '8140', '9680', '3', '2020-01-01', '20200101'));
    fc.assert(
      fc.property(fc.record({ sex: field, birthDate: field, age: field, incidenceDate: field, topography: field, morphology: field, behaviour: field, grade: field, basis: field, deathDate: field }), (raw) => {
        const results = checkTumour(raw, { today }).results;
        const firstWarning = results.findIndex((r) => r.severity === 'warning');
        return firstWarning === -1 || results.slice(firstWarning).every((r) => r.severity === 'warning');
      }),
    );
  });
});
