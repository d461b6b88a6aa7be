import { Button, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import type { Alliance, Institution } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { localName } from '../../i18n/labels.ts';
import { TIER_COLORS } from './network-tree.tsx';

interface Props {
  readonly institution: Institution;
  readonly parent: Institution | null;
  readonly alliances: readonly Alliance[];
  readonly childCount: number;
  readonly canManage: boolean;
  readonly onEdit: () => void;
  readonly onSetActive: (active: boolean) => void;
}

export function InstitutionDetails({ institution: i, parent, alliances, childCount, canManage, onEdit, onSetActive }: Props) {
  const { t, lang } = useI18n();
  const names = i.alliances.map((code) => alliances.find((a) => a.code === code)).map((a, k) => (a ? localName(a, lang) : i.alliances[k]));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="institution-details">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {localName(i, lang)} {!i.active && <Tag>{t('network.inactive')}</Tag>}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('institution.code')}>{i.code}</Descriptions.Item>
        <Descriptions.Item label={t('institution.nameZh')}>{i.nameZh}</Descriptions.Item>
        <Descriptions.Item label={t('institution.nameEn')}>{i.nameEn}</Descriptions.Item>
        <Descriptions.Item label={t('institution.tier')}>
          <Tag color={TIER_COLORS[i.tier]}>{t(`tier.${i.tier}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('institution.type')}>{t(`institutionType.${i.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('institution.parent')}>{parent ? localName(parent, lang) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('institution.division')}>{i.divisionCode}</Descriptions.Item>
        <Descriptions.Item label={t('institution.alliances')}>{names.length > 0 ? names.map((n) => <Tag key={n} color="gold">{n}</Tag>) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('institution.children')}>{childCount}</Descriptions.Item>
      </Descriptions>
      {canManage && (
        <Space>
          <Button onClick={onEdit} data-testid="institution-edit">
            {t('form.edit')}
          </Button>
          {i.active ? (
            <Popconfirm title={t('network.deactivateConfirm')} description={t('network.deactivateHint')} onConfirm={() => onSetActive(false)} okText={t('network.deactivate')} cancelText={t('form.cancel')}>
              <Button danger data-testid="institution-deactivate">
                {t('network.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button onClick={() => onSetActive(true)} data-testid="institution-reactivate">
              {t('network.reactivate')}
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
