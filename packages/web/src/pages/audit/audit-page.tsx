import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { api } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import type { AuditPage as AuditAnswer, AuditRow, Institution, User } from '../../api/types.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime, localName } from '../../i18n/labels.ts';
import { useMe } from '../../session/session-context.tsx';
import { AuditFilters } from './audit-filters.tsx';
import { auditFilter, currentBefore, FIRST_PAGE, pageNumber, paging, type AuditFormValues } from './audit-query.ts';
import { VerifyChain } from './verify-chain.tsx';

const OUTCOME_COLORS: Readonly<Record<string, string>> = { success: 'green', failure: 'orange', denied: 'red' };

/** 审计 — the append-only, hash-chained audit log, newest first, with filters and keyset paging. */
export default function AuditPage() {
  const me = useMe();
  const { t, lang } = useI18n();
  const [values, setValues] = useState<AuditFormValues>({});
  const [page, dispatch] = useReducer(paging, FIRST_PAGE);
  const [answer, setAnswer] = useState<AuditAnswer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const lookups = useLoad(async () => {
    const [users, institutions] = await Promise.all([
      me.permissions.includes('users.read') ? api.users() : Promise.resolve({ items: [] as User[] }),
      me.permissions.includes('network.read') ? api.institutions(true) : Promise.resolve({ items: [] as Institution[] }),
    ]);
    return { users: users.items, institutions: institutions.items };
  });
  const institutionsById = useMemo(() => new Map((lookups.data?.institutions ?? []).map((i) => [i.id, i])), [lookups.data]);
  const before = currentBefore(page);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.audit(auditFilter(values, before)).then(
      (a) => {
        if (!live) return;
        setAnswer(a);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [values, before]);

  const institutionLabel = (id: number | null) => {
    if (id === null) return '';
    const i = institutionsById.get(id);
    return i ? localName(i, lang) : `#${id}`;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="audit-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('audit.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('audit.explain')}</Typography.Text>
        </div>
        <VerifyChain />
      </Space>
      <Card size="small">
        <AuditFilters
          users={lookups.data?.users ?? []}
          institutions={lookups.data?.institutions ?? []}
          onApply={(v) => {
            setValues(v);
            dispatch({ kind: 'reset' });
          }}
        />
      </Card>
      <ErrorAlert error={error} testId="audit-error" />
      <Card size="small">
        <Table<AuditRow>
          data-testid="audit-table"
          rowKey="seq"
          size="small"
          loading={loading}
          dataSource={answer ? [...answer.items] : []}
          pagination={false}
          scroll={{ x: 1100 }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 80 },
            { title: t('audit.time'), dataIndex: 'ts', width: 180, render: (ts: string) => formatDateTime(ts, lang) },
            { title: t('audit.user'), dataIndex: 'actorUsername', width: 120, render: (v: string | null) => v ?? '—' },
            { title: t('audit.action'), dataIndex: 'action', width: 170, render: (v: string) => <code>{v}</code> },
            { title: t('audit.outcome'), dataIndex: 'outcome', width: 90, render: (v: string) => <Tag color={OUTCOME_COLORS[v] ?? 'default'}>{v === 'success' || v === 'failure' || v === 'denied' ? t(`outcome.${v}`) : v}</Tag> },
            { title: t('audit.entity'), key: 'entity', width: 160, render: (_, r) => (r.entityType ? `${r.entityType} ${r.entityId ?? ''}` : '') },
            { title: t('audit.person'), dataIndex: 'personId', width: 90, render: (v: number | null) => v ?? '' },
            { title: t('audit.institution'), dataIndex: 'institutionId', width: 180, render: institutionLabel },
            { title: 'IP', dataIndex: 'ip', width: 120 },
            { title: t('audit.detail'), dataIndex: 'detail', ellipsis: true, render: (v: unknown) => (v === null || v === undefined ? '' : <code>{JSON.stringify(v)}</code>) },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={pageNumber(page) <= 1 || loading} onClick={() => dispatch({ kind: 'previous' })} data-testid="audit-previous">
            {t('audit.previous')}
          </Button>
          <Typography.Text>{t('audit.page', { n: pageNumber(page) })}</Typography.Text>
          <Button
            disabled={!answer || answer.nextBefore === null || loading}
            onClick={() => answer?.nextBefore != null && dispatch({ kind: 'next', before: answer.nextBefore })}
            data-testid="audit-next"
          >
            {t('audit.next')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
