import { programme } from '@onconet/domain/screening/programmes';
import type { ExamDefinition, Question, ResultCategory } from '@onconet/domain/screening/types';
import { Alert, Button, Card, Descriptions, Form, InputNumber, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { screeningApi, type ProgrammeView } from './screening-api.ts';
import { guidelineCitation, local, overridesFromSettings, type SettingsValues } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

/** 筛查项目 — each programme as the network runs it: who, the questionnaire, exams and results, follow-up rules and their guidelines. */
export default function ProgrammesPage() {
  const { tx, lang } = useScreening();
  const programmes = useLoad(() => screeningApi.programmes());
  const { reload } = programmes;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-programmes">
      <Typography.Title level={3} style={{ margin: 0 }}>{tx('programmes')}</Typography.Title>
      <ErrorAlert error={programmes.error} testId="programmes-error" />
      {programmes.data ? (
        <Tabs
          items={programmes.data.items.map((p) => ({ key: p.code, label: <span data-testid={`programme-tab-${p.code}`}>{local(p.name, lang)}</span>, children: <ProgrammeView programme={p} onSaved={reload} /> }))}
        />
      ) : null}
    </Space>
  );
}

function ProgrammeView({ programme: p, onSaved }: { readonly programme: ProgrammeView; readonly onSaved: () => void }) {
  const { tx, lang, can } = useScreening();
  const e = p.eligibility;
  const overridden = Object.keys(p.overrides).length > 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid={`programme-${p.code}`}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'version', label: tx('version'), children: <Space>{p.version}{overridden ? <Tag color="gold">{tx('overridden')}</Tag> : null}</Space> },
          {
            key: 'eligibility',
            label: tx('eligibility'),
            children: [tx('ageRange', { min: e.minAge, max: e.maxAge }), e.sex === 2 ? tx('womenOnly') : e.sex === 1 ? tx('menOnly') : null, e.requiresResidence ? tx('residentsOnly') : null].filter(Boolean).join(lang === 'zh-CN' ? '；' : '; '),
          },
          { key: 'exclusions', label: tx('exclusions'), children: e.exclusions.map((x) => tx(`excl_${x}`)).join(lang === 'zh-CN' ? '、' : ', ') || '—' },
          { key: 'rescreen', label: tx('rescreenInterval'), children: tx('months', { n: p.rescreenIntervalMonths }) },
          { key: 'early', label: tx('earlyDefinition'), span: 2, children: local(p.earlyDefinition, lang) },
        ]}
      />
      <Card size="small" title={tx('guidelines')}>
        <List size="small" dataSource={[...p.guidelines]} renderItem={(g) => <List.Item data-testid="guideline"><Typography.Text code>{g.id}</Typography.Text> {g.citation}</List.Item>} />
      </Card>
      <Card size="small" title={`${tx('questionnairePreview')} · ${p.questionnaire.id}@${p.questionnaire.version}`}>
        <QuestionnairePreview questions={p.questionnaire.questions} />
      </Card>
      <Card size="small" title={tx('exams')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {p.exams.map((exam) => <ExamRules key={exam.code} programme={p} exam={exam} />)}
        </Space>
      </Card>
      {can('screening.manage') ? <SettingsCard programme={p} onSaved={onSaved} /> : null}
    </Space>
  );
}

function QuestionnairePreview({ questions }: { readonly questions: readonly Question[] }) {
  const { tx, lang } = useScreening();
  return (
    <Table<Question>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={[...questions]}
      columns={[
        { key: 'n', title: '#', render: (_: unknown, _q: Question, i: number) => i + 1 },
        {
          key: 'label',
          title: tx('questionnaire'),
          render: (_: unknown, q: Question) => {
            const on = q.when ? questions.find((x) => x.id === q.when?.question) : undefined;
            const answers = (q.when?.equals ?? []).map((v) => (typeof v === 'boolean' ? tx(v ? 'yes' : 'no') : local(on?.options?.find((o) => o.code === v)?.label, lang) || v)).join(' / ');
            return (
              <Space direction="vertical" size={0}>
                <span>{local(q.label, lang)} {q.required ? <Tag>{tx('required')}</Tag> : null}</span>
                {on ? <Typography.Text type="secondary">{tx('askedWhen', { question: local(on.label, lang), answers })}</Typography.Text> : null}
              </Space>
            );
          },
        },
        {
          key: 'answer',
          title: '',
          render: (_: unknown, q: Question) =>
            q.type === 'boolean'
              ? `${tx('yes')} / ${tx('no')}`
              : q.type === 'integer' || q.type === 'number'
                ? [tx('range', { min: q.min ?? '', max: q.max ?? '' }), local(q.unit, lang)].filter(Boolean).join(' ')
                : (q.options ?? []).map((o) => local(o.label, lang)).join(' / '),
        },
      ]}
    />
  );
}

function ExamRules({ programme, exam }: { readonly programme: ProgrammeView; readonly exam: ExamDefinition }) {
  const { tx, lang } = useScreening();
  return (
    <div data-testid={`exam-rules-${exam.code}`}>
      <Space wrap style={{ marginBottom: 4 }}>
        <strong>{local(exam.label, lang)}</strong>
        <Tag color={exam.clinical ? 'purple' : 'blue'}>{exam.clinical ? tx('clinical') : tx('firstLine')}</Tag>
        <Tag>{exam.offeredTo === 'all' ? tx('offeredAll') : tx('offeredHighRisk')}</Tag>
        {exam.remoteReadable ? <Tag color="cyan">{tx('remoteReadable')}</Tag> : null}
      </Space>
      <Table<ResultCategory>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={[...exam.categories]}
        columns={[
          { key: 'code', title: tx('resultCategory'), render: (_: unknown, c: ResultCategory) => <span><Typography.Text code>{c.code}</Typography.Text> {local(c.label, lang)}</span> },
          { key: 'positive', title: '', render: (_: unknown, c: ResultCategory) => (c.positive ? <Tag color="red">{tx('positive')}</Tag> : <Tag color="green">{tx('negative')}</Tag>) },
          { key: 'rule', title: tx('followUpRule'), render: (_: unknown, c: ResultCategory) => (c.followUp ? `${local(c.followUp.label, lang)}${lang === 'zh-CN' ? '（' : ' ('}${tx('withinDays', { days: c.followUp.withinDays })}${lang === 'zh-CN' ? '）' : ')'}` : '—') },
          { key: 'guideline', title: tx('guidelines'), render: (_: unknown, c: ResultCategory) => (c.followUp ? <Typography.Text type="secondary">{guidelineCitation(programme.guidelines, c.followUp.guideline)}</Typography.Text> : '') },
        ]}
      />
    </div>
  );
}

function SettingsCard({ programme: p, onSaved }: { readonly programme: ProgrammeView; readonly onSaved: () => void }) {
  const { tx, t, lang } = useScreening();
  const [form] = Form.useForm<SettingsValues>();
  const [unplaced, setUnplaced] = useState<readonly string[]>([]);
  const [saved, setSaved] = useState(false);
  const save = async (values: SettingsValues) => {
    setUnplaced([]);
    setSaved(false);
    try {
      await screeningApi.configureProgramme(p.code, overridesFromSettings(programme(p.code), values));
      setSaved(true);
      onSaved();
    } catch (error) {
      setUnplaced(applyServerErrors(form, t, error, ['minAge', 'maxAge', 'rescreenIntervalMonths', 'followUpDays']));
    }
  };
  const followUpDays = Object.fromEntries(p.exams.map((e) => [e.code, Object.fromEntries(e.categories.filter((c) => c.followUp).map((c) => [c.code, c.followUp!.withinDays]))]));
  return (
    <Card size="small" title={tx('settings')} data-testid={`programme-settings-${p.code}`} extra={<Typography.Text type="secondary">{tx('settingsHint')}</Typography.Text>}>
      <Form form={form} name={`settings-${p.code}`} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ minAge: p.eligibility.minAge, maxAge: p.eligibility.maxAge, rescreenIntervalMonths: p.rescreenIntervalMonths, followUpDays }}>
        <Space wrap>
          <Form.Item name="minAge" label={tx('minAge')}>
            <InputNumber />
          </Form.Item>
          <Form.Item name="maxAge" label={tx('maxAge')}>
            <InputNumber />
          </Form.Item>
          <Form.Item name="rescreenIntervalMonths" label={tx('rescreenInterval')}>
            <InputNumber />
          </Form.Item>
        </Space>
        <Typography.Text strong>{tx('followUpDays')}</Typography.Text>
        {p.exams.map((e) =>
          e.categories.some((c) => c.followUp) ? (
            <Space key={e.code} wrap style={{ display: 'flex' }}>
              {e.categories.filter((c) => c.followUp).map((c) => (
                <Form.Item key={c.code} name={['followUpDays', e.code, c.code]} label={`${local(e.label, lang)} · ${local(c.label, lang)}`}>
                  <InputNumber min={0} />
                </Form.Item>
              ))}
            </Space>
          ) : null,
        )}
        {unplaced.length > 0 ? <Alert type="error" showIcon message={unplaced.join('; ')} style={{ marginBottom: 12 }} /> : null}
        {saved ? <Alert type="success" showIcon message={tx('saved')} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" data-testid={`programme-save-${p.code}`}>{tx('save')}</Button>
      </Form>
    </Card>
  );
}
