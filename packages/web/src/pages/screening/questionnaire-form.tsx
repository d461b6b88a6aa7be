import type { Answers, Question } from '@onconet/domain/screening/types';
import { Alert, Button, Checkbox, Form, InputNumber, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/index.ts';
import { answerErrors, answersFromForm, askedQuestions, formFromAnswers, local } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

/**
 * The risk questionnaire, one question under the other with large touch targets, so township staff can fill it
 * in on a phone. The server decides (the programme's rule in the domain layer): its problems land on the
 * question they name (`answers.<id>`), in the reader's words.
 */
export function QuestionnaireForm({
  questions,
  answers,
  onSubmit,
  disabled,
}: {
  readonly questions: readonly Question[];
  readonly answers: Answers | null;
  readonly onSubmit: (answers: Answers) => Promise<unknown>;
  readonly disabled?: boolean;
}) {
  const { tx, lang, t } = useScreening();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [problems, setProblems] = useState<{ count: number; other: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => form.setFieldsValue(formFromAnswers(answers)), [answers, form]);
  // Every value as it is typed, so questions asked only after another answer (cigarettes a day for smokers) appear.
  const values = (Form.useWatch([], form) as Record<string, unknown> | undefined) ?? formFromAnswers(answers);
  const asked = askedQuestions(questions, values);

  const submit = async (values: Record<string, unknown>) => {
    const typed = answersFromForm(questions, values);
    setSaving(true);
    setProblems(null);
    setSaved(false);
    try {
      await onSubmit(typed);
      setSaved(true);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const placed = answerErrors(questions, typed, error.fieldErrors, tx);
      form.setFields(Object.entries(placed.byQuestion).map(([name, errors]) => ({ name, errors })));
      const other = [...placed.other, ...(error.fieldErrors.length === 0 ? [error.detail] : [])];
      setProblems({ count: Object.keys(placed.byQuestion).length, other });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={disabled} data-testid="questionnaire-form" size="large" requiredMark>
      {asked.map((q) => {
        const range = q.min !== undefined || q.max !== undefined ? tx('range', { min: q.min ?? '', max: q.max ?? '' }) : '';
        const unit = local(q.unit, lang);
        return (
          <div key={q.id} data-testid={`question-${q.id}`}>
            <Form.Item
              name={q.id}
              label={local(q.label, lang)}
              extra={[range, unit].filter((x) => x !== '').join(' · ') || undefined}
              rules={q.required ? [{ required: true, message: tx('answerRequired') }] : []}
              style={{ marginBottom: 16 }}
            >
              {q.type === 'boolean' ? (
                <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', width: '100%' }}>
                  <Radio.Button value={true} style={{ flex: 1, textAlign: 'center' }}>{tx('yes')}</Radio.Button>
                  <Radio.Button value={false} style={{ flex: 1, textAlign: 'center' }}>{tx('no')}</Radio.Button>
                </Radio.Group>
              ) : q.type === 'integer' || q.type === 'number' ? (
                <InputNumber style={{ width: '100%' }} inputMode={q.type === 'integer' ? 'numeric' : 'decimal'} precision={q.type === 'integer' ? 0 : undefined} />
              ) : q.type === 'choice' ? (
                <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                  {(q.options ?? []).map((o) => <Radio key={o.code} value={o.code}>{local(o.label, lang)}</Radio>)}
                </Radio.Group>
              ) : (
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                  {(q.options ?? []).map((o) => <Checkbox key={o.code} value={o.code}>{local(o.label, lang)}</Checkbox>)}
                </Checkbox.Group>
              )}
            </Form.Item>
          </div>
        );
      })}
      {problems ? (
        <Alert
          type="error"
          showIcon
          data-testid="questionnaire-error"
          style={{ marginBottom: 16 }}
          message={problems.count > 0 ? tx('fixFields', { n: problems.count }) : t('error.validation')}
          description={problems.other.length > 0 ? problems.other.join('; ') : undefined}
        />
      ) : null}
      {saved ? <Alert type="success" showIcon data-testid="questionnaire-saved" message={tx('saved')} style={{ marginBottom: 16 }} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button type="primary" htmlType="submit" block loading={saving} data-testid="questionnaire-submit">{tx('submitAnswers')}</Button>
        {questions.length === 0 ? <Typography.Text type="secondary">{tx('none')}</Typography.Text> : null}
      </Space>
    </Form>
  );
}
