/** Code validity beyond the single fields: morphology/behaviour combinations and grade (IARC TR42, IARCcrgTools). */
import { gradeFitsMorphology } from '../codes/behaviour-grade.ts';
import { morphologyConversionRule } from '../codes/icdo3-to-icd10.ts';
import { isKnownMorphology, lookupMorphology } from '../codes/morphology.ts';
import { finding, type CheckResult } from './check-result.ts';
import type { ParsedTumour } from './tumour-input.ts';

export function codeChecks(t: ParsedTumour): CheckResult[] {
  const out: CheckResult[] = [];
  if (t.morphology !== null && !isKnownMorphology(t.morphology)) {
    out.push(finding('code.morphology', 'error', ['morphology'], `morphology ${t.morphology} is not in ICD-O-3`, `形态学编码${t.morphology}不在ICD-O-3中`));
    return out;
  }
  if (t.morphology !== null && t.behaviour !== null) {
    const code = `${t.morphology}/${t.behaviour}`;
    const listed = lookupMorphology(t.morphology, t.behaviour);
    const rule = morphologyConversionRule(t.morphology, t.behaviour);
    if (!listed && (!rule || rule[2] === 'none')) {
      out.push(finding('code.morphology-behaviour', 'error', ['morphology', 'behaviour'], `${code} is not a possible morphology/behaviour combination`, `${code}不是可能的形态学/动态组合`));
    } else if (!listed || rule?.[6] === true) {
      // ICD-O-3 matrix principle: any behaviour may be used, but TR42 flags combinations not listed as rare.
      out.push(finding('code.morphology-behaviour', 'warning', ['morphology', 'behaviour'], `${code} is a rare morphology/behaviour combination; confirm it`, `${code}是少见的形态学/动态组合，请核实`));
    }
  }
  if (t.behaviour === 6 || t.behaviour === 9) {
    out.push(
      finding('behaviour.metastatic', 'warning', ['behaviour'], `behaviour /${t.behaviour}: a registry records the primary tumour (/3); code the primary site and behaviour 3`, `动态/${t.behaviour}：登记应记录原发肿瘤（/3），请编码原发部位并将动态改为3`),
    );
  }
  if (t.grade !== null && t.morphology !== null && !gradeFitsMorphology(t.grade, t.morphology)) {
    out.push(finding('grade.morphology', 'warning', ['grade', 'morphology'], `grade ${t.grade} (immunophenotype) is only used for lymphomas and leukaemias, not ${t.morphology}`, `分级${t.grade}（免疫表型）仅用于淋巴瘤和白血病，不适用于${t.morphology}`));
  }
  return out;
}
