import { EMPTY_TALLY, participantFlags, PROGRAMMES, tallyFlags } from '@onconet/domain';
import type { ParticipantFlags } from '@onconet/domain/screening/types';
import { generateCampaignPaths } from '@onconet/domain/synthetic/screening-campaign';
import { describe, expect, it } from 'vitest';
import { stageOf } from './path.ts';
import { sumTallies } from './screening-service.ts';

const none = { slot_id: null, invited_on: null, checked_in_on: null, questionnaire_on: null, diagnosis_kind: null };
const flags = (f: Partial<ParticipantFlags>): ParticipantFlags => ({ ...participantFlags(PROGRAMMES.colorectal, { invitedOn: null, checkedInOn: null, questionnaireOn: null, risk: null, exams: [], followUpDoneOn: null, unreachable: false, diagnosis: null }), ...f });

describe('a participant’s stage is the furthest step of the path', () => {
  it('moves from targeted to closed', () => {
    expect(stageOf(none, flags({}))).toBe('targeted');
    expect(stageOf({ ...none, invited_on: '2026-01-01' }, flags({}))).toBe('invited');
    expect(stageOf({ ...none, invited_on: '2026-01-01', slot_id: 3 }, flags({}))).toBe('booked');
    expect(stageOf({ ...none, checked_in_on: '2026-01-02' }, flags({}))).toBe('checked_in');
    expect(stageOf({ ...none, questionnaire_on: '2026-01-02' }, flags({}))).toBe('assessed');
    expect(stageOf(none, flags({ screened: true }))).toBe('screened');
    expect(stageOf(none, flags({ screened: true, positive: true }))).toBe('positive');
    expect(stageOf(none, flags({ screened: true, positive: true, followUpDone: true }))).toBe('closed');
    expect(stageOf({ ...none, diagnosis_kind: 'cancer' }, flags({ screened: true, positive: true, followUpDone: true }))).toBe('diagnosed');
  });
});

describe('sums of group tallies', () => {
  it('equal the domain tally of all the participants (the total row of the indicators)', () => {
    const def = PROGRAMMES.colorectal;
    const paths = generateCampaignPaths(def, { invitees: 3000, seed: 7, startDate: '2025-01-01', asOf: '2025-09-01' });
    const all = paths.map((p) => participantFlags(def, p.path));
    const groups = [all.slice(0, 1000), all.slice(1000, 1700), all.slice(1700)].map((g) => ({ key: 'g', ...tallyFlags(g, '2025-09-01') }));
    expect(sumTallies(groups)).toEqual(tallyFlags(all, '2025-09-01'));
    expect(sumTallies([])).toEqual(EMPTY_TALLY);
  });
});
