import { Button, Descriptions, Drawer, Empty, Skeleton, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import type { Person } from '../../api/types.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../i18n/labels.ts';

interface Props {
  readonly personId: number | null;
  readonly canWrite: boolean;
  /** Bumped after an edit so the drawer reads the saved record. */
  readonly version: number;
  readonly onClose: () => void;
  readonly onEdit: (person: Person) => void;
}

const VITAL_COLORS = { alive: 'green', dead: 'default', unknown: 'orange' } as const;

/** One person's master record: identifiers, residence, vital status. Opening it is an audited read. */
export function PersonDrawer({ personId, canWrite, version, onClose, onEdit }: Props) {
  const { t, lang } = useI18n();
  const [person, setPerson] = useState<Person | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (personId === null) return;
    let live = true;
    setPerson(null);
    setError(null);
    api.person(personId).then(
      (p) => live && setPerson(p),
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))),
    );
    return () => {
      live = false;
    };
  }, [personId, version]);

  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      size={560}
      title={person ? `${person.name} · ${person.namePinyin}` : t('person.detailTitle')}
      extra={canWrite && person ? <Button onClick={() => onEdit(person)} data-testid="person-edit">{t('form.edit')}</Button> : null}
      data-testid="person-drawer"
    >
      <ErrorAlert error={error} testId="person-error" />
      {!person && !error && <Skeleton active />}
      {person && (
        <>
          <Descriptions size="small" column={1} bordered title={t('person.section.identity')}>
            <Descriptions.Item label={t('person.name')}>{person.name}</Descriptions.Item>
            <Descriptions.Item label={t('person.pinyin')}>{person.namePinyin}</Descriptions.Item>
            <Descriptions.Item label={t('person.sex')}>{t(person.sex === 1 ? 'sex.male' : 'sex.female')}</Descriptions.Item>
            <Descriptions.Item label={t('person.birthDate')}>{person.birthDate}</Descriptions.Item>
            <Descriptions.Item label={t('person.residentId')}>
              <span data-testid="person-resident-id">{person.residentId ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('person.phone')}>{person.phone ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Descriptions size="small" column={1} bordered title={t('person.section.residence')} style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('person.division')}>{person.divisionCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('person.address')}>{person.address ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Descriptions size="small" column={1} bordered title={t('person.section.vital')} style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('person.vitalStatus')}>
              <Tag color={VITAL_COLORS[person.vitalStatus]}>{t(`vital.${person.vitalStatus}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('person.deathDate')}>{person.deathDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('person.updatedAt')}>{formatDateTime(person.updatedAt, lang)}</Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('person.section.identifiers')}</h4>
          {person.identifiers.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.noIdentifiers')} />
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.institutionId}-${r.kind}-${r.value}`}
              dataSource={[...person.identifiers]}
              columns={[
                { title: t('person.identifier.institution'), dataIndex: 'institutionCode' },
                { title: t('person.identifier.kind'), dataIndex: 'kind', render: (kind: Person['identifiers'][number]['kind']) => t(`identifierKind.${kind}`) },
                { title: t('person.identifier.value'), dataIndex: 'value' },
              ]}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
