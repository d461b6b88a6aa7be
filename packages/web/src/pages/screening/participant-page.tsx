import { Button, Card, Col, Descriptions, Empty, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { formatDateTime } from '../../i18n/labels.ts';
import { DiagnosisCard } from './diagnosis-card.tsx';
import { ExamsCard } from './exams-card.tsx';
import { FollowUpCard } from './follow-up-card.tsx';
import { QuestionnaireForm } from './questionnaire-form.tsx';
import { screeningApi, type ParticipantDetail } from './screening-api.ts';
import { day, local, stageColour, stageLabel } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

/** Loads a participant with the programme it is screened under (the network's settings applied). */
export function useParticipant(participantId: number) {
  return useLoad(async () => {
    const participant = await screeningApi.participant(participantId);
    const programmes = await screeningApi.programmes();
    const programme = programmes.items.find((p) => p.code === participant.programmeCode) ?? null;
    return { participant, programme };
  });
}

/** 筛查对象 — one person's path: appointment, check-in, questionnaire, risk, exams, follow-up and diagnosis. */
export default function ParticipantPage() {
  const { tx, lang, can } = useScreening();
  const participantId = Number(useParams().participantId);
  const loaded = useParticipant(participantId);
  const { reload } = loaded;
  const p = loaded.data?.participant ?? null;
  const programme = loaded.data?.programme ?? null;
  const write = can('screening.write');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-participant">
      {p ? <Link to={`/screening/campaigns/${p.campaignId}`}>← {tx('campaign')}</Link> : null}
      <ErrorAlert error={loaded.error} testId="participant-error" />
      {p && programme ? (
        <>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>{p.name}</Typography.Title>
            <Tag color={stageColour(p.stage)} data-testid="participant-stage" data-stage={p.stage}>{stageLabel(tx, p.stage)}</Tag>
            {p.highRisk ? <Tag color="orange">{tx('highRisk')}</Tag> : null}
            {p.positive ? <Tag color="red">{tx('positive')}</Tag> : null}
          </Space>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'programme', label: tx('programme'), children: local(programme.name, lang) },
              { key: 'sex', label: tx('sex'), children: p.sex === 1 ? tx('male') : p.sex === 2 ? tx('female') : '—' },
              { key: 'age', label: tx('age'), children: p.ageYears ?? '—' },
              { key: 'clinic', label: tx('clinic'), children: p.institutionName },
              { key: 'invited', label: tx('invitedOn'), children: day(p.invitedOn) },
              { key: 'checkedIn', label: tx('checkedInOn'), children: day(p.checkedInOn) },
            ]}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                <AppointmentCard participant={p} write={write} onChange={reload} />
                <Card
                  size="small"
                  title={tx('questionnaire')}
                  extra={<Link to={`/screening/participants/${p.id}/questionnaire`} data-testid="questionnaire-phone">{tx('fillOnPhone')}</Link>}
                >
                  {p.questionnaire?.completedOn ? <Typography.Paragraph type="secondary">{tx('answered', { date: day(p.questionnaire.completedOn) })}</Typography.Paragraph> : null}
                  <QuestionnaireForm
                    questions={programme.questionnaire.questions}
                    answers={p.questionnaire?.answers ?? null}
                    disabled={!write}
                    onSubmit={async (answers) => {
                      await screeningApi.saveQuestionnaire(p.id, answers);
                      reload();
                    }}
                  />
                </Card>
                <RiskCard participant={p} />
              </Space>
            </Col>
            <Col xs={24} lg={14}>
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                <ExamsCard participant={p} programme={programme} write={write} onChange={reload} />
                <FollowUpCard participant={p} write={write} onChange={reload} />
                <DiagnosisCard participant={p} write={write} onChange={reload} />
              </Space>
            </Col>
          </Row>
        </>
      ) : null}
    </Space>
  );
}

function AppointmentCard({ participant, write, onChange }: { readonly participant: ParticipantDetail; readonly write: boolean; readonly onChange: () => void }) {
  const { tx, lang, act } = useScreening();
  const campaign = useLoad(() => screeningApi.campaign(participant.campaignId));
  const [slotId, setSlotId] = useState<number | undefined>();
  const slots = useMemo(
    () => (campaign.data?.sites ?? []).flatMap((site) => site.slots.map((slot) => ({ value: slot.id, disabled: slot.booked >= slot.capacity, label: `${site.name} · ${formatDateTime(slot.startsAt, lang)} (${slot.booked}/${slot.capacity})` }))),
    [campaign.data, lang],
  );
  const book = async () => {
    if (slotId !== undefined && (await act(() => screeningApi.book(participant.id, slotId), tx('done')))) {
      campaign.reload();
      onChange();
    }
  };
  const checkIn = async () => {
    if (await act(() => screeningApi.checkIn(participant.id), tx('done'))) onChange();
  };
  return (
    <Card size="small" title={tx('slot')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="participant-slot">{participant.slot ? `${participant.slot.siteName} ${formatDateTime(participant.slot.startsAt, lang)}` : '—'}</Typography.Text>
        {write && !participant.checkedInOn ? (
          <Space wrap>
            <Select style={{ minWidth: 260 }} placeholder={tx('slot')} value={slotId} onChange={setSlotId} options={slots} />
            <Button disabled={slotId === undefined} onClick={() => void book()}>{tx('book')}</Button>
            <Button type="primary" onClick={() => void checkIn()} data-testid="participant-check-in">{tx('checkIn')}</Button>
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}

function RiskCard({ participant }: { readonly participant: ParticipantDetail }) {
  const { tx, lang } = useScreening();
  const risk = participant.risk;
  return (
    <Card size="small" title={tx('risk')} data-testid="participant-risk">
      {risk ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            {risk.highRisk ? <Tag color="orange">{tx('highRisk')}</Tag> : <Tag>{tx('notHighRisk')}</Tag>}
            <span>{tx('score')}: {risk.score}</span>
            <Typography.Text type="secondary">{tx('rule')}: {risk.ruleVersion}</Typography.Text>
          </Space>
          <List size="small" dataSource={[...risk.reasons]} renderItem={(r) => <List.Item>{local(r, lang)}</List.Item>} locale={{ emptyText: tx('none') }} />
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('notAssessed')} />
      )}
    </Card>
  );
}
