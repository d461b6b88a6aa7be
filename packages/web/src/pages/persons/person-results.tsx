import { Table, Tag } from 'antd';
import type { PersonSummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { maskPhone, maskResidentId, shownNumber } from './person-hints.ts';

interface Props {
  readonly items: readonly PersonSummary[] | null;
  readonly loading: boolean;
  /** The search that produced the list: a number searched for exactly is shown unmasked. */
  readonly query: string;
  readonly onOpen: (id: number) => void;
}

/** Search results; ID and phone masked unless searched for (the drawer shows them whole). */
export function PersonResults({ items, loading, query, onOpen }: Props) {
  const { t } = useI18n();
  return (
    <Table<PersonSummary>
      data-testid="person-results"
      size="middle"
      rowKey="id"
      loading={loading}
      dataSource={items ? [...items] : []}
      locale={{ emptyText: items === null ? t('person.searchFirst') : t('person.noResults') }}
      pagination={false}
      onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' }, 'data-testid': `person-row-${row.id}` } as object)}
      columns={[
        { title: t('person.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
        { title: t('person.pinyin'), dataIndex: 'namePinyin' },
        { title: t('person.sex'), dataIndex: 'sex', width: 70, render: (sex: 1 | 2) => t(sex === 1 ? 'sex.male' : 'sex.female') },
        { title: t('person.birthDate'), dataIndex: 'birthDate', width: 120 },
        { title: t('person.residentId'), dataIndex: 'residentId', render: (v: string | null) => shownNumber(v, query, maskResidentId) },
        { title: t('person.phone'), dataIndex: 'phone', render: (v: string | null) => shownNumber(v, query, maskPhone) },
        { title: t('person.division'), dataIndex: 'divisionCode', width: 100 },
        {
          title: t('person.vitalStatus'),
          dataIndex: 'vitalStatus',
          width: 100,
          render: (v: PersonSummary['vitalStatus']) => <Tag color={v === 'alive' ? 'green' : v === 'dead' ? 'default' : 'orange'}>{t(`vital.${v}`)}</Tag>,
        },
      ]}
    />
  );
}
