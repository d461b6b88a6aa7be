import { Alert, Button, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { LanguageSwitch } from '../../shell/language-switch.tsx';
import { useParticipant } from './participant-page.tsx';
import { QuestionnaireForm } from './questionnaire-form.tsx';
import { screeningApi } from './screening-api.ts';
import { local, stageColour, stageLabel } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

/**
 * 手机填写 — the questionnaire alone on a phone-sized screen (township staff at a screening site): no side menu,
 * one column, full-width controls, check-in at the top, the risk result at the bottom.
 */
export default function QuestionnairePage() {
  const { tx, lang, can, act } = useScreening();
  const participantId = Number(useParams().participantId);
  const loaded = useParticipant(participantId);
  const { reload } = loaded;
  const p = loaded.data?.participant ?? null;
  const programme = loaded.data?.programme ?? null;
  const write = can('screening.write');
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12, boxSizing: 'border-box', width: '100%' }} data-testid="questionnaire-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Link to={`/screening/participants/${participantId}`}>← {tx('back')}</Link>
        <LanguageSwitch />
      </Space>
      <ErrorAlert error={loaded.error} testId="participant-error" />
      {p && programme ? (
        <>
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>{p.name}</Typography.Title>
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{local(programme.name, lang)}</Typography.Text>
            <Tag color={stageColour(p.stage)}>{stageLabel(tx, p.stage)}</Tag>
            {p.ageYears !== null ? <Typography.Text type="secondary">{tx('age')} {p.ageYears}</Typography.Text> : null}
          </Space>
          {write && !p.checkedInOn ? (
            <Button block size="large" style={{ marginBottom: 12 }} onClick={() => void act(() => screeningApi.checkIn(p.id), tx('done')).then(reload)} data-testid="phone-check-in">
              {tx('checkIn')}
            </Button>
          ) : null}
          <QuestionnaireForm
            questions={programme.questionnaire.questions}
            answers={p.questionnaire?.answers ?? null}
            disabled={!write}
            onSubmit={async (answers) => {
              await screeningApi.saveQuestionnaire(p.id, answers);
              reload();
            }}
          />
          {p.risk ? (
            <Alert
              style={{ marginTop: 12 }}
              type={p.risk.highRisk ? 'warning' : 'success'}
              showIcon
              data-testid="phone-risk"
              message={`${tx('risk')}: ${p.risk.highRisk ? tx('highRisk') : tx('notHighRisk')} (${tx('score')} ${p.risk.score})`}
              description={p.risk.reasons.map((r) => local(r, lang)).join(lang === 'zh-CN' ? '；' : '; ')}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
