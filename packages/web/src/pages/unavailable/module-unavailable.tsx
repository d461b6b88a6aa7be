import { Result, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/translate.ts';

export type ChainModule = 'registry' | 'screening' | 'treatmentMdt' | 'treatmentPathways' | 'treatmentReferral' | 'followup' | 'cockpit';

const TITLES: Readonly<Record<ChainModule, MessageKey>> = {
  registry: 'nav.registry',
  screening: 'nav.screening',
  treatmentMdt: 'nav.treatmentMdt',
  treatmentPathways: 'nav.treatmentPathways',
  treatmentReferral: 'nav.treatmentReferral',
  followup: 'nav.followup',
  cockpit: 'nav.cockpit',
};

const PURPOSES: Readonly<Record<ChainModule, MessageKey>> = {
  registry: 'module.registry.purpose',
  screening: 'module.screening.purpose',
  treatmentMdt: 'module.treatmentMdt.purpose',
  treatmentPathways: 'module.treatmentPathways.purpose',
  treatmentReferral: 'module.treatmentReferral.purpose',
  followup: 'module.followup.purpose',
  cockpit: 'module.cockpit.purpose',
};

/** A link of the chain that is not built yet: it says so, and shows no made-up figures. */
export function ModuleUnavailable({ module }: { readonly module: ChainModule }) {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      data-testid={`module-unavailable-${module}`}
      title={t('module.unavailableTitle', { module: t(TITLES[module]) })}
      subTitle={
        <Typography.Paragraph type="secondary" style={{ maxWidth: 560, margin: '0 auto' }}>
          {t(PURPOSES[module])} {t('module.unavailableBody')}
        </Typography.Paragraph>
      }
    />
  );
}
