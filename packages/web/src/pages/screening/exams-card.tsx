import { Button, Card, DatePicker, Form, Input, List, Select, Space, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/index.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { localName } from '../../i18n/labels.ts';
import { screeningApi, type ExamView, type ParticipantDetail, type ProgrammeView } from './screening-api.ts';
import { day, formatHours, local } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

const MAX_ATTACHMENT = 5 * 1024 * 1024;

interface ExamValues {
  examCode: string;
  /** Left empty for an exam sent for remote reading: the reader's report gives it. */
  category?: string;
  performedOn: Dayjs;
  findings?: string;
}

/** 检查结果 — the participant's exams with their category, attachments and remote reading; a new result. */
export function ExamsCard({ participant, programme, write, onChange }: { readonly participant: ParticipantDetail; readonly programme: ProgrammeView; readonly write: boolean; readonly onChange: () => void }) {
  const { tx, t, lang } = useScreening();
  const [form] = Form.useForm<ExamValues>();
  const examCode = Form.useWatch('examCode', form);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const examDef = (code: string) => programme.exams.find((e) => e.code === code);
  const categoryLabel = (code: string, category: string | null) => {
    if (category === null) return tx('awaitingReading');
    const c = examDef(code)?.categories.find((x) => x.code === category);
    return c ? local(c.label, lang) : category;
  };
  const save = async (values: ExamValues) => {
    setErrors([]);
    try {
      await screeningApi.addExam(participant.id, { examCode: values.examCode, category: values.category ?? null, performedOn: values.performedOn.format('YYYY-MM-DD'), findings: values.findings || undefined });
      form.resetFields();
      onChange();
    } catch (error) {
      setErrors(applyServerErrors(form, t, error, ['examCode', 'category', 'performedOn', 'findings'], { conflictField: 'examCode' }));
    }
  };
  const chosen = examCode ? examDef(examCode) : undefined;
  return (
    <Card size="small" title={tx('examResults')} data-testid="participant-exams">
      <List
        dataSource={[...participant.exams]}
        locale={{ emptyText: tx('none') }}
        renderItem={(exam) => (
          <List.Item key={exam.id} data-testid={`exam-${exam.examCode}`}>
            <ExamItem exam={exam} label={local(examDef(exam.examCode)?.label, lang) || exam.examCode} category={categoryLabel(exam.examCode, exam.category)} positive={examDef(exam.examCode)?.categories.find((c) => c.code === exam.category)?.positive ?? null} remoteReadable={examDef(exam.examCode)?.remoteReadable ?? false} write={write} onChange={onChange} />
          </List.Item>
        )}
      />
      {write ? (
        <>
          <Typography.Title level={5}>{tx('newExam')}</Typography.Title>
          {errors.map((e) => <Typography.Paragraph key={e} type="danger">{e}</Typography.Paragraph>)}
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ performedOn: dayjs() }} data-testid="exam-form">
            <Form.Item name="examCode" label={tx('exam')} rules={[{ required: true, message: t('fieldError.required') }]}>
              <Select data-testid="exam-code" onChange={() => form.setFieldValue('category', undefined)} options={programme.exams.filter((e) => !participant.exams.some((x) => x.examCode === e.code)).map((e) => ({ value: e.code, label: local(e.label, lang) }))} />
            </Form.Item>
            <Form.Item
              name="category"
              label={tx('resultCategory')}
              extra={chosen?.remoteReadable ? tx('categoryLater') : undefined}
              rules={chosen?.remoteReadable ? [] : [{ required: true, message: t('fieldError.required') }]}
            >
              <Select
                data-testid="exam-category"
                disabled={!chosen}
                options={(chosen?.categories ?? []).map((c) => ({ value: c.code, label: `${local(c.label, lang)}${c.positive ? ` (${tx('positive')})` : ''}` }))}
              />
            </Form.Item>
            <Form.Item name="performedOn" label={tx('performedOn')} rules={[{ required: true, message: t('fieldError.required') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="findings" label={tx('findings')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="exam-submit">{tx('save')}</Button>
          </Form>
        </>
      ) : null}
    </Card>
  );
}

function ExamItem({ exam, label, category, positive, remoteReadable, write, onChange }: { readonly exam: ExamView; readonly label: string; readonly category: string; readonly positive: boolean | null; readonly remoteReadable: boolean; readonly write: boolean; readonly onChange: () => void }) {
  const { tx, lang, act, can } = useScreening();
  const [reader, setReader] = useState<number | undefined>();
  const hubs = useLoad(() => (write && remoteReadable && can('network.read') ? api.institutions(false) : Promise.resolve({ items: [] })));
  const upload = async (file: File) => {
    if (file.size > MAX_ATTACHMENT) return act(() => Promise.reject(new Error(tx('tooLarge'))));
    if (await act(() => screeningApi.addAttachment(exam.id, file), tx('done'))) onChange();
    return undefined;
  };
  const request = async () => {
    if (reader !== undefined && (await act(() => screeningApi.requestRemoteRead(exam.id, reader), tx('done')))) onChange();
  };
  const rr = exam.remoteRead;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <strong>{label}</strong>
        <Tag color={positive === null ? 'default' : positive ? 'red' : 'green'} data-testid="exam-category-tag">{category}</Tag>
        <Typography.Text type="secondary">{day(exam.performedOn)}</Typography.Text>
      </Space>
      {exam.findings ? <Typography.Text>{exam.findings}</Typography.Text> : null}
      <Space wrap>
        <span>{tx('attachments')}:</span>
        {exam.attachments.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : null}
        {exam.attachments.map((a) => (
          <a key={a.id} href={screeningApi.attachmentUrl(a.id)} target="_blank" rel="noreferrer">
            {a.fileName} ({Math.max(1, Math.round(a.size / 1024))} KB)
          </a>
        ))}
        {write ? (
          <Upload showUploadList={false} beforeUpload={(file) => (void upload(file), false)}>
            <Button size="small" title={tx('attachHint')}>{tx('attach')}</Button>
          </Upload>
        ) : null}
      </Space>
      {rr ? (
        <Typography.Text data-testid="exam-remote-read">
          {tx('remoteReading')}: {tx(`rr_${rr.status}`)} · {rr.readingInstitutionName}
          {rr.report ? ` · ${rr.report}` : ''} {rr.turnaroundHours !== null ? `· ${tx('turnaround')} ${formatHours(rr.turnaroundHours, tx)}` : ''}
        </Typography.Text>
      ) : write && remoteReadable ? (
        <Space wrap>
          <Select
            style={{ minWidth: 220 }}
            placeholder={tx('readingInstitution')}
            showSearch
            optionFilterProp="label"
            value={reader}
            onChange={setReader}
            options={(hubs.data?.items ?? []).filter((i) => i.tier !== 'primary').map((i) => ({ value: i.id, label: localName(i, lang) }))}
          />
          <Button size="small" disabled={reader === undefined} onClick={() => void request()} data-testid="exam-request-read">{tx('requestRead')}</Button>
        </Space>
      ) : null}
    </Space>
  );
}
