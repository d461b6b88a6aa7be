import { Button, Empty, Input, Segmented, Space, Table, Tag, message } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { registryApi, type WorkItem, type WorklistName } from './registry-api.ts';
import { registryText } from './registry-text.ts';
import { TumourDrawer } from './tumour-drawer.tsx';
import { useSession } from '../../session/session-context.tsx';

const LISTS: readonly WorklistName[] = ['notifications', 'checks', 'primaries', 'tracebacks'];
const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));

/** 工作清单 — what the registrar has to do: consolidate, fix or confirm, trace back. */
export function WorklistsTab() {
  const { lang } = useI18n();
  const tx = registryText(lang);
  const [list, setList] = useState<WorklistName>('checks');
  const items = useLoad(() => registryApi.worklist(list));
  const { me } = useSession();
  const canWrite = me?.permissions.includes('registry.write') ?? false;
  const [open, setOpen] = useState<number | null>(null);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const { reload } = items;
  useEffect(() => reload(), [list, reload]);
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };
  const zh = lang === 'zh-CN';
  const columns = [
    {
      key: 'id',
      title: '#',
      render: (_: unknown, r: WorkItem) =>
        list === 'checks' || list === 'primaries' ? (
          <Button type="link" size="small" onClick={() => setOpen(r.id)} data-testid={`open-tumour-${r.id}`}>
            {r.id}
          </Button>
        ) : (
          r.id
        ),
    },
    { key: 'person', title: tx('person'), dataIndex: 'personName' },
    {
      key: 'codes',
      title: list === 'tracebacks' ? tx('cause') : tx('codes'),
      render: (_: unknown, r: WorkItem) => (list === 'tracebacks' ? `${text(r.underlyingCause)} (${text(r.deathDate)})` : `${text(r.topography)} ${text(r.morphology)}/${text(r.behaviour)} · ICD-10 ${text(r.icd10)}`),
    },
    {
      key: 'detail',
      title: list === 'tracebacks' ? tx('dueOn') : tx('rule'),
      render: (_: unknown, r: WorkItem) => {
        if (list === 'tracebacks') return `${text(r.dueOn)} · ${text(r.institutionName)}`;
        if (list === 'notifications') return `${text(r.institutionName)} ${text(r.sourceRef)} · MPI ${text(r.matchDecision)}`;
        if (list === 'primaries') {
          const e = r.mpExplanation as { en?: string; zh?: string } | null;
          return `${text(r.mpRule)}: ${zh ? (e?.zh ?? '') : (e?.en ?? '')}`;
        }
        const checks = (r.checks as Array<{ rule: string; severity: string; messageEn: string; messageZh: string; confirmed: boolean }> | undefined) ?? [];
        return (
          <Space direction="vertical" size={0}>
            {checks.map((c) => (
              <span key={c.rule}>
                <Tag color={c.severity === 'error' ? 'red' : c.confirmed ? 'default' : 'orange'}>{c.rule}</Tag>
                {zh ? c.messageZh : c.messageEn}
              </span>
            ))}
          </Space>
        );
      },
    },
    {
      key: 'action',
      title: '',
      render: (_: unknown, r: WorkItem) =>
        list === 'primaries' ? <Button size="small" onClick={() => void act(() => registryApi.confirmPrimary(r.id))}>{tx('confirm')}</Button>
        : list === 'notifications' ? <Button size="small" onClick={() => void act(() => registryApi.consolidate(r.id))}>{tx('consolidate')}</Button>
        : list === 'tracebacks' && canWrite ? (
          <Space.Compact>
            <Input size="small" placeholder={tx('resolveNote')} value={notes[r.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [r.id]: e.target.value }))} />
            <Button size="small" onClick={() => void act(() => registryApi.resolveTraceback(r.id, notes[r.id] ?? ''))}>{tx('resolve')}</Button>
          </Space.Compact>
        )
        : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Segmented value={list} onChange={(v) => setList(v)} options={LISTS.map((l) => ({ value: l, label: tx(l) }))} />
        {list === 'tracebacks' ? <Button onClick={() => void act(() => registryApi.registerDco())}>{tx('registerDco')}</Button> : null}
      </Space>
      {items.error ? <ErrorAlert error={items.error} /> : null}
      <Table size="small" rowKey="id" loading={items.loading} columns={columns} dataSource={items.data?.items ?? []} locale={{ emptyText: <Empty description={tx('empty')} /> }} pagination={{ pageSize: 20 }} data-testid="registry-worklist" />
      <TumourDrawer tumourId={open} canWrite={canWrite} onClose={() => setOpen(null)} onChanged={reload} />
    </Space>
  );
}
