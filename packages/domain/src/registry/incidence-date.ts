/**
 * Date of incidence by the ENCR recommendation (European Network of Cancer Registries, "Recommendations for
 * coding incidence date", 1997): take the first event available in this order of priority —
 *  1. first histological or cytological confirmation of the malignancy (not at autopsy);
 *  2. admission to hospital because of the malignancy;
 *  3. first consultation at an outpatient clinic for the malignancy;
 *  4. diagnosis other than 1–3 (clinical diagnosis, imaging, tumour markers…);
 *  5. death, when the malignancy is known only from the death certificate (DCO) or found at autopsy.
 * Within one priority the earliest date is used.
 */
import type { IsoDate } from '../common/dates.ts';
import type { LocalText } from './check-result.ts';

export type IncidenceEventKind = 'histology' | 'cytology' | 'admission' | 'outpatient' | 'clinicalDiagnosis' | 'death' | 'autopsy';

export interface IncidenceEvent {
  readonly kind: IncidenceEventKind;
  readonly date: IsoDate;
  /** The notification the date came from, kept so the tumour field knows its source. */
  readonly source?: string;
}

export function incidencePriority(kind: IncidenceEventKind): 1 | 2 | 3 | 4 | 5 {
  switch (kind) {
    case 'histology':
    case 'cytology':
      return 1;
    case 'admission':
      return 2;
    case 'outpatient':
      return 3;
    case 'clinicalDiagnosis':
      return 4;
    case 'death':
    case 'autopsy':
      return 5;
  }
}

const LABEL: Readonly<Record<IncidenceEventKind, LocalText>> = {
  histology: { en: 'first histological confirmation', zh: '首次组织学确诊' },
  cytology: { en: 'first cytological confirmation', zh: '首次细胞学确诊' },
  admission: { en: 'hospital admission for the cancer', zh: '因该肿瘤入院' },
  outpatient: { en: 'first outpatient consultation', zh: '首次门诊就诊' },
  clinicalDiagnosis: { en: 'clinical diagnosis', zh: '临床诊断' },
  death: { en: 'death (death certificate only)', zh: '死亡（仅有死亡医学证明书）' },
  autopsy: { en: 'death (found at autopsy)', zh: '死亡（尸检发现）' },
};

export interface IncidenceDate {
  readonly date: IsoDate;
  readonly event: IncidenceEvent;
  readonly explanation: LocalText;
}

export function incidenceDate(events: readonly IncidenceEvent[]): IncidenceDate | null {
  let best: IncidenceEvent | null = null;
  for (const e of events) {
    if (best === null) best = e;
    else {
      const pe = incidencePriority(e.kind);
      const pb = incidencePriority(best.kind);
      if (pe < pb || (pe === pb && e.date < best.date)) best = e;
    }
  }
  if (best === null) return null;
  const label = LABEL[best.kind];
  const p = incidencePriority(best.kind);
  return {
    date: best.date,
    event: best,
    explanation: { en: `ENCR priority ${p}: ${label.en} on ${best.date}`, zh: `ENCR优先级${p}：${label.zh}（${best.date}）` },
  };
}
