import { questionApplies } from '@onconet/domain/screening/answers';
import type { AnswerValue, Answers, IndicatorDefinition, IndicatorId, IndicatorValue, LocalText, ProgrammeDefinition, ProgrammeOverrides, Question } from '@onconet/domain/screening/types';
import type { FieldProblem } from '../../api/problem.ts';
import type { Lang } from '../../i18n/translate.ts';
import type { IndicatorReport, RemoteRead, Stage } from './screening-api.ts';
import type { ScreeningTx } from './screening-text.ts';

/** Pure view logic of the screening pages (labels, formatting, tooltips, answers), unit-tested beside. */

export const local = (text: LocalText | null | undefined, lang: Lang): string => (text ? (lang === 'zh-CN' ? text.zh : text.en || text.zh) : '');

// ---- stages ----------------------------------------------------------------------------------------------------

const STAGE_COLOURS: Readonly<Record<Stage, string>> = {
  targeted: 'default',
  invited: 'blue',
  booked: 'geekblue',
  checked_in: 'cyan',
  assessed: 'purple',
  screened: 'green',
  positive: 'red',
  diagnosed: 'volcano',
  closed: 'default',
};

export function stageLabel(tx: ScreeningTx, stage: Stage): string {
  return tx(`stage_${stage}`);
}

export function stageColour(stage: Stage): string {
  return STAGE_COLOURS[stage];
}

// ---- indicators ------------------------------------------------------------------------------------------------

/** The value of an indicator as a reader expects it: 62.5%, 3.21‰, 41.0 days; '—' without a denominator. */
export function formatIndicator(def: Pick<IndicatorDefinition, 'scale' | 'unit'>, value: number | null, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (def.scale === 100) return `${value.toFixed(1)}%`;
  if (def.scale === 1000) return `${value.toFixed(2)}‰`;
  const unit = local(def.unit, lang);
  return unit ? `${value.toFixed(1)} ${unit}` : value.toFixed(1);
}

/** The Wilson interval in the indicator's own scale, or '' when there is none (means, empty denominators). */
export function formatInterval(def: Pick<IndicatorDefinition, 'scale' | 'unit'>, value: Pick<IndicatorValue, 'lower' | 'upper'>, lang: Lang): string {
  if (value.lower === null || value.upper === null) return '';
  return `${formatIndicator(def, value.lower, lang)}–${formatIndicator(def, value.upper, lang)}`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** The count in the reader's convention (12,345 / 12,345). */
export const formatCount = (n: number, lang: Lang): string => n.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB');

/**
 * The lines a tooltip (and the table's hover) shows for one indicator of one group: the value with its 95 %
 * interval, then the numerator and the denominator by name with their counts. Plain text lines; the chart
 * joins them as escaped HTML.
 */
export function indicatorLines(def: IndicatorDefinition, value: IndicatorValue | undefined, lang: Lang, tx: ScreeningTx): string[] {
  if (!value) return [`${local(def.label, lang)}: —`];
  const interval = formatInterval(def, value, lang);
  const head = value.value === null ? `${local(def.label, lang)}: ${tx('noDenominator')}` : `${local(def.label, lang)}: ${formatIndicator(def, value.value, lang)}${interval ? ` (${tx('ci95')} ${interval})` : ''}`;
  return [
    head,
    `${tx('numerator')} · ${local(def.numerator.label, lang)}: ${formatCount(value.numerator, lang)}`,
    `${tx('denominator')} · ${local(def.denominator.label, lang)}: ${formatCount(value.denominator, lang)}`,
  ];
}

export function indicatorTooltipHtml(group: string, def: IndicatorDefinition, value: IndicatorValue | undefined, lang: Lang, tx: ScreeningTx): string {
  return [`<strong>${escapeHtml(group)}</strong>`, ...indicatorLines(def, value, lang, tx).map(escapeHtml)].join('<br/>');
}

export function findIndicator(values: readonly IndicatorValue[], id: IndicatorId): IndicatorValue | undefined {
  return values.find((v) => v.id === id);
}

export interface IndicatorSeries {
  readonly categories: string[];
  /** The bar heights (null where the denominator is 0: no bar rather than a made-up zero). */
  readonly values: Array<number | null>;
  readonly items: Array<IndicatorValue | undefined>;
}

/** One indicator across the report's groups, in the server's order, rounded for the chart. */
export function indicatorSeries(report: Pick<IndicatorReport, 'groups'>, id: IndicatorId): IndicatorSeries {
  const items = report.groups.map((g) => findIndicator(g.indicators, id));
  return {
    categories: report.groups.map((g) => g.label),
    values: items.map((v) => (v?.value === null || v?.value === undefined ? null : Number(v.value.toFixed(2)))),
    items,
  };
}

// ---- questionnaire ---------------------------------------------------------------------------------------------

const asText = (raw: unknown): string => (typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : JSON.stringify(raw));

/** The questions asked given the answers so far (the domain's `when` rule: cigarettes a day only for smokers). */
export function askedQuestions(questions: readonly Question[], values: Readonly<Record<string, unknown>>): Question[] {
  return questions.filter((q) => questionApplies(q, values));
}

/** Form values → the answers the API takes: unanswered and unasked questions are null, numbers stay numbers. */
export function answersFromForm(questions: readonly Question[], values: Readonly<Record<string, unknown>>): Answers {
  const answers: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const raw = values[q.id];
    if (raw === undefined || raw === null || raw === '' || !questionApplies(q, values)) {
      answers[q.id] = null;
    } else if (q.type === 'boolean') {
      answers[q.id] = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : asText(raw);
    } else if (q.type === 'integer' || q.type === 'number') {
      const n = typeof raw === 'number' ? raw : Number(asText(raw).trim());
      answers[q.id] = Number.isFinite(n) ? n : asText(raw);
    } else if (q.type === 'multi') {
      answers[q.id] = Array.isArray(raw) ? raw.map(asText) : [asText(raw)];
    } else {
      answers[q.id] = asText(raw);
    }
  }
  return answers;
}

/** Stored answers → form values (the inverse of answersFromForm for the types the form shows). */
export function formFromAnswers(answers: Answers | null | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers ?? {})) if (value !== null) values[key] = value;
  return values;
}

/** The question a problem's field names: `answers/<id>` (or `answers.<id>`, already normalised to `/`). */
export function questionOfField(field: string): string | null {
  const match = /^(?:body\/)?answers\/([^/]+)/.exec(field);
  return match?.[1] ?? null;
}

/**
 * Each question's error in the user's words: an answer outside the question's bounds says the range, a missing
 * required answer says so, anything else keeps the server's rule. Problems naming no question are returned apart.
 */
export function answerErrors(
  questions: readonly Question[],
  answers: Answers,
  problems: readonly FieldProblem[],
  tx: ScreeningTx,
): { readonly byQuestion: Readonly<Record<string, string[]>>; readonly other: string[] } {
  const byQuestion: Record<string, string[]> = {};
  const other: string[] = [];
  for (const problem of problems) {
    const id = questionOfField(problem.field);
    const question = id === null ? undefined : questions.find((q) => q.id === id);
    if (!question || id === null) {
      other.push(problem.message || problem.code);
      continue;
    }
    const answer = answers[id];
    let text = problem.message.replace(/^[\w/.]+:\s*/, '') || problem.code;
    if (answer === null || answer === undefined) text = tx('answerRequired');
    else if (typeof answer === 'number' && ((question.min !== undefined && answer < question.min) || (question.max !== undefined && answer > question.max)))
      text = tx('outOfRange', { min: question.min ?? '', max: question.max ?? '' });
    (byQuestion[id] ??= []).push(text);
  }
  return { byQuestion, other };
}

// ---- remote reading, dates, catchments -------------------------------------------------------------------------

export function formatHours(hours: number | null, tx: ScreeningTx): string {
  if (hours === null || !Number.isFinite(hours)) return '—';
  return tx('hours', { n: hours < 10 ? hours.toFixed(1) : Math.round(hours) });
}

/** The median turnaround of the reads that have one (null without any). */
export function medianTurnaround(reads: readonly Pick<RemoteRead, 'turnaroundHours'>[]): number | null {
  const hours = reads.map((r) => r.turnaroundHours).filter((h): h is number => h !== null && Number.isFinite(h)).sort((a, b) => a - b);
  if (hours.length === 0) return null;
  const mid = Math.floor(hours.length / 2);
  return hours.length % 2 === 1 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
}

/** `500114101, 500114102；500114103` → the codes, trimmed, duplicates dropped, order kept. */
export function parseCatchment(text: string): string[] {
  return [...new Set(text.split(/[\s,，;；、]+/).filter((c) => c !== ''))];
}

/** A date the API sent (`2026-11-23` or a timestamp) as `YYYY-MM-DD`, '—' when missing. */
export function day(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

/** Whether a follow-up due date has passed on `today` (both `YYYY-MM-DD`). */
export function isOverdue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && dueOn.slice(0, 10) < today;
}

/** A rule's guideline as its citation: the programme's reference with that id, or the rule's own text. */
export function guidelineCitation(guidelines: readonly { readonly id: string; readonly citation: string }[], ref: string): string {
  return guidelines.find((g) => g.id === ref)?.citation ?? ref;
}

export interface ImportProblemRow {
  readonly key: number;
  readonly row: string;
  readonly column: string;
  readonly message: string;
}

/**
 * A rejected list's problems as rows of a report: the server names them `row 2: sex` (or `rows/2/sex`), the message
 * repeating the place (`row 2, sex: …`), which the report drops since it has its own columns.
 */
export function importProblemRows(problems: readonly FieldProblem[]): ImportProblemRow[] {
  return problems.map((p, key) => {
    const m = /^rows?[\s/]*(\d+)(?::\s*|\/)?(.*)$/i.exec(p.field.trim());
    const row = m?.[1] ?? '';
    const column = m ? (m[2] ?? '').trim() : p.field;
    const message = p.message.replace(/^rows?\s*\d+,\s*[^:]*:\s*/i, '').replace(/^[\w/.[\]]+:\s*/, '') || p.code;
    return { key, row, column, message };
  });
}

/** Catchment codes with their names where the division list knows them: `黔江龙泉镇 500114101, 500114999`. */
export function catchmentLabel(codes: readonly string[], divisions: readonly { readonly code: string; readonly nameZh: string; readonly nameEn: string }[], lang: Lang): string {
  const names = new Map(divisions.map((d) => [d.code, lang === 'zh-CN' ? d.nameZh : d.nameEn || d.nameZh]));
  return codes.map((c) => (names.has(c) ? `${names.get(c)} ${c}` : c)).join(lang === 'zh-CN' ? '、' : ', ');
}

export interface SettingsValues {
  readonly minAge?: number | null;
  readonly maxAge?: number | null;
  readonly rescreenIntervalMonths?: number | null;
  readonly followUpDays?: Readonly<Record<string, Readonly<Record<string, number | null | undefined>>>>;
}

/**
 * The network's overrides from the settings form: only what differs from the shipped programme, so a value set
 * back to its default stops being an override (the server keeps the overrides whole, each save replaces them).
 */
export function overridesFromSettings(base: ProgrammeDefinition, values: SettingsValues): ProgrammeOverrides {
  const differs = (v: number | null | undefined, d: number): v is number => typeof v === 'number' && v !== d;
  const followUpDays: Record<string, Record<string, number>> = {};
  for (const exam of base.exams) {
    for (const c of exam.categories) {
      const v = values.followUpDays?.[exam.code]?.[c.code];
      if (c.followUp && differs(v, c.followUp.withinDays)) (followUpDays[exam.code] ??= {})[c.code] = v;
    }
  }
  return {
    ...(differs(values.minAge, base.eligibility.minAge) ? { minAge: values.minAge } : {}),
    ...(differs(values.maxAge, base.eligibility.maxAge) ? { maxAge: values.maxAge } : {}),
    ...(differs(values.rescreenIntervalMonths, base.rescreenIntervalMonths) ? { rescreenIntervalMonths: values.rescreenIntervalMonths } : {}),
    ...(Object.keys(followUpDays).length > 0 ? { followUpDays } : {}),
  };
}
