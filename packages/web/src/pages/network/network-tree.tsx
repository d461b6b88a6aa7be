import { Empty, Space, Tag, Tree, Typography } from 'antd';
import type { Tier } from '@onconet/domain/network/institution';
import type { DataNode } from 'antd/es/tree';
import type { Alliance } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { localName } from '../../i18n/labels.ts';
import type { Translate, Lang } from '../../i18n/translate.ts';
import type { NetworkNode } from './build-tree.ts';

export const TIER_COLORS: Readonly<Record<Tier, string>> = { core: 'magenta', hub: 'geekblue', primary: 'green' };

interface Props {
  readonly nodes: readonly NetworkNode[];
  readonly alliances: readonly Alliance[];
  readonly selectedId: number | null;
  readonly expandedIds: readonly number[];
  readonly onExpand: (ids: number[]) => void;
  readonly onSelect: (id: number | null) => void;
}

function toData(nodes: readonly NetworkNode[], alliances: ReadonlyMap<string, Alliance>, t: Translate, lang: Lang): DataNode[] {
  return nodes.map(({ institution: i, children }) => ({
    key: i.id,
    title: (
      <Space size={6} wrap data-testid={`network-node-${i.code}`} data-active={i.active} style={{ opacity: i.active ? 1 : 0.45 }}>
        <Typography.Text delete={!i.active} strong={i.tier !== 'primary'}>
          {localName(i, lang)}
        </Typography.Text>
        <Tag color={TIER_COLORS[i.tier]} style={{ marginInlineEnd: 0 }}>
          {t(`tier.${i.tier}`)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`institutionType.${i.type}`)} · {i.divisionCode}
        </Typography.Text>
        {i.alliances.map((code) => {
          const alliance = alliances.get(code);
          return (
            <Tag key={code} color="gold" style={{ marginInlineEnd: 0 }}>
              {alliance ? localName(alliance, lang) : code}
            </Tag>
          );
        })}
        {!i.active && <Tag>{t('network.inactive')}</Tag>}
      </Space>
    ),
    children: toData(children, alliances, t, lang),
  }));
}

/** The network, core → hubs → primary; deactivated members greyed and struck through. */
export function NetworkTree({ nodes, alliances, selectedId, expandedIds, onExpand, onSelect }: Props) {
  const { t, lang } = useI18n();
  const byCode = new Map(alliances.map((a) => [a.code, a]));
  if (nodes.length === 0) return <Empty description={t('network.noMatch')} data-testid="network-tree" />;
  return (
    <div data-testid="network-tree">
      <Tree
        blockNode
        showLine
        treeData={toData(nodes, byCode, t, lang)}
        selectedKeys={selectedId === null ? [] : [selectedId]}
        expandedKeys={[...expandedIds]}
        onExpand={(keys) => onExpand(keys.map(Number))}
        onSelect={(keys) => onSelect(keys.length > 0 ? Number(keys[0]) : null)}
      />
    </div>
  );
}
