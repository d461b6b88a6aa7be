import { RATETABLE_ORIGIN_OFFSET, epochDayOfYearStart } from '../life-table/rate-table.ts';
import type { FollowUp } from './survival-data.ts';

export interface PeriodWindow {
  readonly firstYear: number;
  readonly lastYear: number;
}

/**
 * Period analysis (Brenner & Gefeller 1996): only the follow-up lived inside the calendar window
 * 1 January firstYear – 31 December lastYear counts. Each patient enters the risk set at
 * max(0, window start − diagnosis) and leaves at the window end (censored) or at death/censoring
 * before it. Patients with no follow-up inside the window are dropped; `kept` lists those left.
 * `diagnosisDay` is in days since 1960-01-01.
 */
export function periodFollowUp(data: FollowUp, diagnosisDay: Float64Array, window: PeriodWindow): { followUp: FollowUp; kept: Int32Array } {
  const start = epochDayOfYearStart(window.firstYear) + RATETABLE_ORIGIN_OFFSET;
  const end = epochDayOfYearStart(window.lastYear + 1) + RATETABLE_ORIGIN_OFFSET;
  const keep: number[] = [];
  const time: number[] = [];
  const status: number[] = [];
  const entry: number[] = [];
  for (let i = 0; i < data.time.length; i++) {
    const dx = diagnosisDay[i] as number;
    const t = data.time[i] as number;
    const enter = Math.max(0, start - dx);
    const exitCap = end - dx;
    const exit = Math.min(t, exitCap);
    if (exit <= enter) continue;
    keep.push(i);
    time.push(exit);
    status.push(t <= exitCap ? (data.status[i] as number) : 0);
    entry.push(enter);
  }
  return { followUp: { time: Float64Array.from(time), status: Uint8Array.from(status), entry: Float64Array.from(entry) }, kept: Int32Array.from(keep) };
}
