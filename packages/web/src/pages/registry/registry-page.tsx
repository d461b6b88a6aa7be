import { Tabs, Typography } from 'antd';
import { useSession } from '../../session/session-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ImportTab } from './import-tab.tsx';
import { QualityTab } from './quality-tab.tsx';
import { registryText } from './registry-text.ts';
import { WorklistsTab } from './worklists-tab.tsx';

/** 肿瘤登记 — worklists and imports for registrars; the data-quality table for anyone with statistics. */
export default function RegistryPage() {
  const { lang } = useI18n();
  const { me } = useSession();
  const tx = registryText(lang);
  const can = (p: string) => me?.permissions.includes(p as never) ?? false;
  const items = [
    ...(can('registry.read') ? [{ key: 'worklists', label: tx('worklists'), children: <WorklistsTab /> }] : []),
    { key: 'quality', label: tx('quality'), children: <QualityTab /> },
    ...(can('registry.write') ? [{ key: 'import', label: tx('import'), children: <ImportTab /> }] : []),
  ];
  return (
    <div>
      <Typography.Title level={3}>{tx('title')}</Typography.Title>
      <Tabs items={items} destroyOnHidden />
    </div>
  );
}
