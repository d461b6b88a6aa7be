import type { DiagnosisKind } from '@onconet/domain/screening/types';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { screeningApi, type ParticipantDetail } from './screening-api.ts';
import { day } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

const KINDS: readonly DiagnosisKind[] = ['no_lesion', 'benign', 'low_grade_precancer', 'high_grade_precancer', 'cancer'];

interface DiagnosisValues {
  kind: DiagnosisKind;
  date: Dayjs;
  stageGroup?: string;
  topography?: string;
  morphology?: string;
}

/** 诊断结局 — the outcome of the work-up; a cancer becomes a registry notification (method of detection: screening). */
export function DiagnosisCard({ participant, write, onChange }: { readonly participant: ParticipantDetail; readonly write: boolean; readonly onChange: () => void }) {
  const { tx, t, can } = useScreening();
  const [form] = Form.useForm<DiagnosisValues>();
  const kind = Form.useWatch('kind', form);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const d = participant.diagnosis;
  const save = async (values: DiagnosisValues) => {
    setErrors([]);
    try {
      const cancer = values.kind === 'cancer';
      await screeningApi.diagnosis(participant.id, {
        kind: values.kind,
        date: values.date.format('YYYY-MM-DD'),
        stageGroup: (cancer || values.kind === 'high_grade_precancer') && values.stageGroup ? values.stageGroup.trim() : null,
        topography: values.topography?.trim() || null,
        morphology: values.morphology?.trim() || null,
      });
      onChange();
    } catch (error) {
      setErrors(applyServerErrors(form, t, error, ['kind', 'date', 'stageGroup', 'topography', 'morphology']));
    }
  };
  return (
    <Card size="small" title={tx('diagnosis')} data-testid="participant-diagnosis">
      {d ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'kind', label: tx('diagnosisKind'), children: tx(`kind_${d.kind}`) },
              { key: 'date', label: tx('diagnosisDate'), children: day(d.date) },
              { key: 'stage', label: tx('stageGroup'), children: d.stageGroup ?? '—' },
              { key: 'codes', label: `${tx('topography')} / ${tx('morphology')}`, children: `${d.topography ?? '—'} / ${d.morphology ?? '—'}` },
            ]}
          />
          {participant.registryNotificationId !== null ? (
            <Alert
              type="info"
              showIcon
              data-testid="participant-registry-link"
              message={tx('registryLink', { id: participant.registryNotificationId })}
              action={can('registry.read') ? <Link to="/registry">{tx('openRegistry')}</Link> : undefined}
            />
          ) : null}
        </Space>
      ) : write && participant.exams.length > 0 ? (
        <>
          {errors.map((e) => <Typography.Paragraph key={e} type="danger">{e}</Typography.Paragraph>)}
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ date: dayjs() }} data-testid="diagnosis-form">
            <Form.Item name="kind" label={tx('diagnosisKind')} rules={[{ required: true, message: t('fieldError.required') }]}>
              <Select options={KINDS.map((k) => ({ value: k, label: tx(`kind_${k}`) }))} data-testid="diagnosis-kind" />
            </Form.Item>
            <Form.Item name="date" label={tx('diagnosisDate')} rules={[{ required: true, message: t('fieldError.required') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            {kind === 'cancer' || kind === 'high_grade_precancer' ? (
              <>
                <Form.Item name="stageGroup" label={tx('stageGroup')}>
                  <Input placeholder="0, IA, II…" />
                </Form.Item>
                <Form.Item name="topography" label={tx('topography')} rules={kind === 'cancer' ? [{ required: true, message: t('fieldError.required') }] : []}>
                  <Input placeholder="C15.5" />
                </Form.Item>
                <Form.Item name="morphology" label={tx('morphology')} rules={kind === 'cancer' ? [{ required: true, message: t('fieldError.required') }] : []}>
                  <Input placeholder="8070/3" />
                </Form.Item>
              </>
            ) : null}
            <Button type="primary" htmlType="submit" data-testid="diagnosis-submit">{tx('record')}</Button>
          </Form>
        </>
      ) : (
        <Typography.Text type="secondary">{tx('diagnosisAfterResult')}</Typography.Text>
      )}
    </Card>
  );
}
