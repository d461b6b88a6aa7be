import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import type { Person, PersonSummary } from '../../api/types.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMe } from '../../session/session-context.tsx';
import { PersonDrawer } from './person-drawer.tsx';
import { PersonForm } from './person-form.tsx';
import { PersonResults } from './person-results.tsx';

/** The most rows one search shows; more means the query should be narrower. */
const SEARCH_LIMIT = 50;

/**
 * 居民主索引 — search the persons in the user's data scope, open one, register or edit.
 * The query lives in the address (?q=) and the open person in the path (/persons/12), so both
 * survive a reload and can be shared with a colleague who has the same scope.
 * A search runs on Enter, not per keystroke: every search is an audited read of personal data.
 */
export default function PersonsPage() {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { personId } = useParams();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [items, setItems] = useState<readonly PersonSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [form, setForm] = useState<{ open: boolean; editing: Person | null }>({ open: false, editing: null });
  const [version, setVersion] = useState(0);
  const canWrite = me.permissions.includes('persons.write');
  const search = params.toString() === '' ? '' : `?${params.toString()}`;

  useEffect(() => {
    if (q.trim() === '') {
      setItems(null);
      return;
    }
    let live = true;
    setLoading(true);
    setError(null);
    api.searchPersons(q.trim(), SEARCH_LIMIT).then(
      (answer) => {
        if (!live) return;
        setItems(answer.items);
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
  }, [q, version]);

  const open = (id: number) => void navigate(`/persons/${id}${search}`);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="persons-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('person.title')}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="person-create">
            {t('person.create')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.Search
            size="large"
            enterButton={t('person.search')}
            allowClear
            value={text}
            maxLength={64}
            placeholder={t('person.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            onSearch={(value) => {
              // The same query again means "search again" (the data may have changed).
              if (value.trim() === q.trim()) setVersion((v) => v + 1);
              // A new search closes any open person.
              void navigate(value.trim() ? `/persons?${new URLSearchParams({ q: value.trim() }).toString()}` : '/persons');
            }}
            data-testid="person-search"
          />
          <Typography.Text type="secondary">{t('person.scopeNote', { scope: t(`scope.${me.scope.kind}`) })}</Typography.Text>
        </Space>
      </Card>
      <ErrorAlert error={error} testId="person-search-error" />
      <Card size="small" title={items === null ? undefined : items.length >= SEARCH_LIMIT ? t('person.resultsCapped', { n: SEARCH_LIMIT }) : t('person.resultsCount', { n: items.length })}>
        <PersonResults items={items} loading={loading} query={q} onOpen={open} />
      </Card>
      <PersonDrawer
        personId={personId && /^\d+$/.test(personId) ? Number(personId) : null}
        canWrite={canWrite}
        version={version}
        onClose={() => void navigate(`/persons${search}`)}
        onEdit={(person) => setForm({ open: true, editing: person })}
      />
      {canWrite && (
        <PersonForm
          open={form.open}
          editing={form.editing}
          onClose={() => setForm({ open: false, editing: null })}
          onSaved={(saved) => {
            setForm({ open: false, editing: null });
            setVersion((v) => v + 1);
            void message.success(t('form.saved'));
            open(saved.id);
          }}
        />
      )}
    </Space>
  );
}
