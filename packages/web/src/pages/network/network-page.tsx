import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { TIERS, type Tier } from '@onconet/domain/network/institution';
import { App, Button, Card, Col, Input, Row, Select, Space, Statistic, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import type { Institution } from '../../api/types.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { describeError } from '../../forms/server-errors.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMe } from '../../session/session-context.tsx';
import { buildNetworkTree, countNodes, treeIds } from './build-tree.ts';
import { InstitutionDetails } from './institution-details.tsx';
import { InstitutionForm } from './institution-form.tsx';
import { NetworkChart } from './network-chart.tsx';
import { summariseNetwork } from './network-summary.ts';
import { NetworkTree } from './network-tree.tsx';
import { useNetworkData } from './use-network-data.ts';

/** 网络 — the network's institutions as a tree, their summary, and (with network.manage) their upkeep. */
export default function NetworkPage() {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useNetworkData();
  const [text, setText] = useState('');
  const [tier, setTier] = useState<Tier | null>(null);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [form, setForm] = useState<{ open: boolean; editing: Institution | null }>({ open: false, editing: null });
  const canManage = me.permissions.includes('network.manage');

  const institutions = useMemo(() => data?.institutions ?? [], [data]);
  const tree = useMemo(() => buildNetworkTree(institutions, { includeInactive, text, tier }), [institutions, includeInactive, text, tier]);
  const summary = useMemo(() => summariseNetwork(institutions), [institutions]);
  const filtering = text.trim() !== '' || tier !== null;
  // Hubs open by default; a filter opens every path to its matches.
  const defaultExpanded = useMemo(() => (filtering ? treeIds(tree) : tree.map((n) => n.institution.id)), [tree, filtering]);
  const expandedIds = filtering ? defaultExpanded : (expanded ?? defaultExpanded);
  const selected = institutions.find((i) => i.id === selectedId) ?? null;

  const setActive = async (institution: Institution, active: boolean) => {
    try {
      await api.setInstitutionActive(institution.id, active);
      void message.success(active ? t('network.reactivated') : t('network.deactivated'));
      reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      void message.error(`${describeError(t, e)} ${e.detail}`);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="network-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('network.title')}
      </Typography.Title>
      <ErrorAlert error={error} testId="network-error" />
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" loading={loading && !data}>
            <Space size="large" wrap>
              <Statistic title={t('network.activeMembers')} value={summary.active} />
              <Statistic title={t('network.inactiveMembers')} value={summary.inactive} />
              <Statistic title={t('network.alliances')} value={data?.alliances.length ?? 0} />
              {TIERS.map((tierKey, index) => (
                <Statistic key={tierKey} title={t(`tier.${tierKey}`)} value={summary.types.reduce((sum, type) => sum + (summary.counts[type][index] ?? 0), 0)} />
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('network.chartTitle')} loading={loading && !data}>
            <NetworkChart summary={summary} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('network.treeTitle', { shown: countNodes(tree), total: institutions.length })} loading={loading && !data}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search allowClear placeholder={t('network.filterPlaceholder')} onChange={(e) => setText(e.target.value)} style={{ width: 240 }} data-testid="network-filter" />
              <Select allowClear placeholder={t('institution.tier')} value={tier} onChange={(v: Tier | undefined) => setTier(v ?? null)} options={TIERS.map((v) => ({ value: v, label: t(`tier.${v}`) }))} style={{ width: 120 }} />
              <Space size={4}>
                <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} data-testid="network-show-inactive" />
                <Typography.Text>{t('network.showInactive')}</Typography.Text>
              </Space>
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('form.reload')} />
              {canManage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="institution-create">
                  {t('network.create')}
                </Button>
              )}
            </Space>
            <NetworkTree nodes={tree} alliances={data?.alliances ?? []} selectedId={selectedId} expandedIds={expandedIds} onExpand={setExpanded} onSelect={setSelectedId} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('network.detailsTitle')}>
            {selected ? (
              <InstitutionDetails
                institution={selected}
                parent={institutions.find((i) => i.id === selected.parentId) ?? null}
                alliances={data?.alliances ?? []}
                childCount={institutions.filter((i) => i.parentId === selected.id).length}
                canManage={canManage}
                onEdit={() => setForm({ open: true, editing: selected })}
                onSetActive={(active) => void setActive(selected, active)}
              />
            ) : (
              <Typography.Text type="secondary">{t('network.selectHint')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      {canManage && (
        <InstitutionForm
          open={form.open}
          editing={form.editing}
          institutions={institutions}
          alliances={data?.alliances ?? []}
          divisions={data?.divisions ?? []}
          onClose={() => setForm({ open: false, editing: null })}
          onSaved={(saved) => {
            setForm({ open: false, editing: null });
            setSelectedId(saved.id);
            void message.success(t('form.saved'));
            reload();
          }}
        />
      )}
    </Space>
  );
}
