import { describe, expect, it } from 'vitest';
import { ApiError, parseProblem } from '../api/problem.ts';
import { translate, type Translate } from '../i18n/translate.ts';
import { describeError, describeFieldProblem, namePathOf, placeErrors } from './server-errors.ts';

const zh: Translate = (key, vars) => translate('zh-CN', key, vars);
const en: Translate = (key, vars) => translate('en', key, vars);

describe('namePathOf', () => {
  it('turns server field paths into antd name paths', () => {
    expect(namePathOf('residentId')).toEqual(['residentId']);
    expect(namePathOf('identifiers/0/value')).toEqual(['identifiers', 0, 'value']);
    expect(namePathOf('')).toEqual([]);
  });
});

describe('describeFieldProblem', () => {
  it('translates known codes and carries the figure of the rule', () => {
    expect(describeFieldProblem(zh, { field: 'password', code: 'password.tooShort', message: 'password: at least 12 characters are required' })).toBe('密码至少需要 12 个字符');
    expect(describeFieldProblem(en, { field: 'residentId', code: 'residentId.checkDigit', message: 'residentId: the check character is wrong' })).toMatch(/check character/);
  });

  it('takes the figure from the rule, not from an index in the field path', () => {
    expect(describeFieldProblem(en, { field: 'identifiers/0/value', code: 'maxLength', message: 'identifiers/0/value: must NOT have more than 64 characters' })).toBe('At most 64 characters');
  });

  it('keeps the server wording, without the field prefix, for unknown codes', () => {
    expect(describeFieldProblem(zh, { field: 'x', code: 'brandNew', message: 'x: something new' })).toBe('something new');
    expect(describeFieldProblem(zh, { field: 'x', code: 'brandNew', message: '' })).toBe('brandNew');
  });
});

describe('placeErrors', () => {
  const problem = parseProblem(400, {
    code: 'validation',
    detail: 'two problems',
    errors: [
      { field: 'residentId', code: 'residentId.sexMismatch', message: 'residentId: encodes the other sex' },
      { field: 'identifiers/1/value', code: 'format', message: 'identifiers/1/value: 1–64 characters' },
      { field: 'somethingElse', code: 'required', message: 'somethingElse: is required' },
    ],
  });

  it('puts each problem on its field and keeps the rest for an alert', () => {
    const placed = placeErrors(en, problem, ['residentId', 'identifiers']);
    expect(placed.fields).toEqual([
      { name: ['residentId'], errors: ['The sex in the ID number differs from the sex given'] },
      { name: ['identifiers', 1, 'value'], errors: ['The format is not right'] },
    ]);
    expect(placed.unplaced).toEqual(['This field is required']);
  });

  it('renames fields for the form and puts a 409 on the unique field', () => {
    const policy = parseProblem(400, { code: 'validation', detail: 'x', errors: [{ field: 'password', code: 'password.common', message: 'password: common' }] });
    expect(placeErrors(en, policy, ['newPassword'], { aliases: { password: 'newPassword' } }).fields[0]?.name).toEqual(['newPassword']);
    const conflict = parseProblem(409, { code: 'conflict', detail: 'a record with the same unique value already exists' });
    expect(placeErrors(zh, conflict, ['code'], { conflictField: 'code' }).fields).toEqual([{ name: ['code'], errors: ['该值已被使用'] }]);
  });

  it('turns a problem without fields into one headline with the detail', () => {
    const forbidden = new ApiError(403, 'forbidden', 'this needs the network.manage permission');
    expect(placeErrors(en, forbidden, ['code']).unplaced).toEqual(['Not allowed this needs the network.manage permission']);
    expect(describeError(en, new ApiError(418, 'http_418', ''))).toBe('The request failed (HTTP 418)');
  });
});
