import { Button, Card, DatePicker, Form, Input, InputNumber, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/index.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { formatDateTime, localName } from '../../i18n/labels.ts';
import { screeningApi, type CampaignDetail, type Site, type Slot } from './screening-api.ts';
import { useScreening } from './use-screening.ts';

/** 筛查点与预约时段 — the campaign's sites, their slots with capacity and bookings; managers add both. */
export function SitesCard({ campaign, onChange }: { readonly campaign: CampaignDetail; readonly onChange: () => void }) {
  const { tx, t, lang, can, act } = useScreening();
  const manage = can('screening.manage');
  const institutions = useLoad(() => (manage && can('network.read') ? api.institutions(false) : Promise.resolve({ items: [] })));
  const [siteForm] = Form.useForm<{ name: string; institutionId: number; address?: string }>();
  const addSite = async (values: { name: string; institutionId: number; address?: string }) => {
    if (await act(() => screeningApi.addSite(campaign.id, { ...values, address: values.address || undefined }), tx('done'))) {
      siteForm.resetFields();
      onChange();
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="campaign-sites">
      {campaign.sites.length === 0 ? <Typography.Text type="secondary">{tx('none')}</Typography.Text> : null}
      {campaign.sites.map((site) => (
        <SiteSlots key={site.id} site={site} manage={manage} onChange={onChange} />
      ))}
      {manage ? (
        <Card size="small" title={tx('newSite')}>
          <Form form={siteForm} layout="inline" onFinish={(v) => void addSite(v)} initialValues={{ institutionId: campaign.institutionId }}>
            <Form.Item name="name" rules={[{ required: true, message: t('fieldError.required') }]}>
              <Input placeholder={tx('name')} />
            </Form.Item>
            <Form.Item name="institutionId" rules={[{ required: true, message: t('fieldError.required') }]}>
              <Select
                style={{ minWidth: 220 }}
                showSearch
                optionFilterProp="label"
                options={[{ id: campaign.institutionId, label: campaign.institutionName }, ...(institutions.data?.items ?? []).filter((i) => i.id !== campaign.institutionId).map((i) => ({ id: i.id, label: localName(i, lang) }))].map((o) => ({ value: o.id, label: o.label }))}
              />
            </Form.Item>
            <Form.Item name="address">
              <Input placeholder={tx('address')} />
            </Form.Item>
            <Button htmlType="submit">{tx('newSite')}</Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}

function SiteSlots({ site, manage, onChange }: { readonly site: Site; readonly manage: boolean; readonly onChange: () => void }) {
  const { tx, t, lang, act } = useScreening();
  const [startsAt, setStartsAt] = useState<Dayjs | null>(null);
  const [capacity, setCapacity] = useState<number | null>(40);
  const addSlot = async () => {
    if (!startsAt || !capacity) return;
    if (await act(() => screeningApi.addSlot(site.id, { startsAt: startsAt.toISOString(), capacity }), tx('done'))) {
      setStartsAt(null);
      onChange();
    }
  };
  return (
    <Card size="small" title={site.name} extra={site.address} data-testid={`site-${site.id}`}>
      <Table<Slot>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...site.slots]}
        locale={{ emptyText: tx('none') }}
        columns={[
          { key: 'startsAt', title: tx('startsAt'), render: (_: unknown, s: Slot) => formatDateTime(s.startsAt, lang) },
          { key: 'capacity', title: tx('capacity'), align: 'right', dataIndex: 'capacity' },
          { key: 'booked', title: tx('booked'), align: 'right', render: (_: unknown, s: Slot) => (s.booked >= s.capacity ? <Tag color="red">{tx('full')}</Tag> : s.booked) },
          { key: 'fill', title: '', render: (_: unknown, s: Slot) => <Progress style={{ width: 120 }} size="small" percent={s.capacity > 0 ? Math.round((100 * s.booked) / s.capacity) : 0} /> },
        ]}
      />
      {manage ? (
        <Space style={{ marginTop: 8 }} wrap>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false} value={startsAt} onChange={setStartsAt} placeholder={tx('startsAt')} />
          <InputNumber min={1} value={capacity} onChange={setCapacity} addonBefore={tx('capacity')} />
          <Button onClick={() => void addSlot()} disabled={!startsAt || !capacity} title={!startsAt ? t('fieldError.required') : undefined}>{tx('newSlot')}</Button>
        </Space>
      ) : null}
    </Card>
  );
}
