import { Button, Card, Descriptions, Empty, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { screeningApi, type FollowUpEvent, type ParticipantDetail } from './screening-api.ts';
import { day, isOverdue } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

/** 随访 — the diagnostic follow-up a positive result calls for: due date, contact attempts, unreachable, done. */
export function FollowUpCard({ participant, write, onChange }: { readonly participant: ParticipantDetail; readonly write: boolean; readonly onChange: () => void }) {
  const { tx, act } = useScreening();
  const [note, setNote] = useState('');
  const f = participant.followUp;
  const today = new Date().toISOString().slice(0, 10);
  const record = async (event: FollowUpEvent) => {
    if (await act(() => screeningApi.followUp(participant.id, event, note.trim() || undefined), tx('done'))) {
      setNote('');
      onChange();
    }
  };
  return (
    <Card size="small" title={tx('followUp')} data-testid="participant-follow-up">
      {f ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'action', label: tx('action'), children: f.action ? tx(`action_${f.action}`) : '—' },
              { key: 'due', label: tx('dueOn'), children: <span style={!f.doneOn && isOverdue(f.dueOn, today) ? { color: '#cf1322' } : undefined}>{day(f.dueOn)}</span> },
              { key: 'done', label: tx('doneOn'), children: day(f.doneOn) },
              { key: 'attempts', label: tx('attempts'), children: f.attempts },
              { key: 'unreachable', label: tx('unreachable'), children: f.unreachable ? <Tag color="red">{tx('unreachable')}</Tag> : '—' },
              { key: 'note', label: tx('note'), children: f.note ?? '—' },
            ]}
          />
          {write && !f.doneOn ? (
            <Space wrap>
              <Input style={{ width: 220 }} placeholder={tx('note')} value={note} onChange={(e) => setNote(e.target.value)} />
              <Button onClick={() => void record('attempt')} data-testid="follow-up-attempt">{tx('logAttempt')}</Button>
              <Button danger onClick={() => void record('unreachable')} data-testid="follow-up-unreachable">{tx('markUnreachable')}</Button>
              <Button type="primary" onClick={() => void record('done')} data-testid="follow-up-done">{tx('markDone')}</Button>
            </Space>
          ) : null}
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('none')} />
      )}
    </Card>
  );
}
