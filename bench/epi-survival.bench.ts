/**
 * Survival benchmark (issue 5 targets): Kaplan–Meier for 1,000,000 patients (≤ 1 s) and Pohar Perme
 * net survival for 100,000 patients (≤ 5 s), each against R on the same data in the same run —
 * survival::survfit and relsurv::rs.surv with a ratetable from the same life table (relsurv::transrate).
 * Both sides are timed on the computation only (data already in memory), and the estimates at 1, 3
 * and 5 years are compared so a fast wrong answer cannot pass. BENCH_KM_N / BENCH_PP_N shrink the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaModelLifeTable, chinaModelRows } from '../packages/domain/src/epi/life-table/china-model.ts';
import { DAYS_PER_YEAR } from '../packages/domain/src/epi/life-table/life-table.ts';
import { RATETABLE_ORIGIN_OFFSET, toRateTable } from '../packages/domain/src/epi/life-table/rate-table.ts';
import { medianYears, riskSetFromCurve, survivalAt } from '../packages/domain/src/epi/survival/curve-summary.ts';
import { kaplanMeier } from '../packages/domain/src/epi/survival/kaplan-meier.ts';
import { relativeSurvival } from '../packages/domain/src/epi/survival/relative-survival.ts';
import { createRng } from '../packages/domain/src/synthetic/random.ts';
import { timed, writeResults } from './support.ts';

const KM_N = Number(process.env.BENCH_KM_N ?? 1_000_000);
const PP_N = Number(process.env.BENCH_PP_N ?? 100_000);
const YEARS = [1, 3, 5];

interface Cohort {
  time: Float64Array;
  status: Uint8Array;
  age: Float64Array;
  sex: Uint8Array;
  dxEpochDay: Float64Array;
}

/** Diagnoses 2010–2019, excess hazard 0.3/year with 35% cured, population deaths, loss to follow-up, closing date 2022-12-31. */
function makeCohort(n: number, seed: number): Cohort {
  const rng = createRng(seed);
  const exp = (rate: number) => -Math.log(1 - rng.next()) / rate;
  const first = Date.UTC(2010, 0, 1) / 86_400_000;
  const close = Date.UTC(2022, 11, 31) / 86_400_000;
  const c: Cohort = { time: new Float64Array(n), status: new Uint8Array(n), age: new Float64Array(n), sex: new Uint8Array(n), dxEpochDay: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const age = Math.round((30 + 60 * rng.next()) * 100) / 100;
    const sex = rng.chance(0.55) ? 1 : 2;
    const dx = first + rng.int(3652);
    const excess = rng.chance(0.35) ? Infinity : exp(0.3) * DAYS_PER_YEAR;
    const population = exp(1e-4 * Math.exp(0.085 * age) * (sex === 1 ? 1 : 0.6)) * DAYS_PER_YEAR;
    const loss = exp(0.02) * DAYS_PER_YEAR;
    const death = Math.min(excess, population);
    const end = Math.min(death, loss, close - dx);
    c.time[i] = Math.max(1, Math.ceil(end));
    c.status[i] = death <= Math.min(loss, close - dx) ? 1 : 0;
    c.age[i] = age;
    c.sex[i] = sex;
    c.dxEpochDay[i] = dx;
  }
  return c;
}

function writeCohort(path: string, c: Cohort, withCovariates: boolean): void {
  const lines: string[] = [withCovariates ? 'time,status,age,sex,diagnosis_date' : 'time,status'];
  for (let i = 0; i < c.time.length; i++) {
    lines.push(withCovariates ? `${c.time[i]},${c.status[i]},${c.age[i]},${c.sex[i]},${new Date((c.dxEpochDay[i] as number) * 86_400_000).toISOString().slice(0, 10)}` : `${c.time[i]},${c.status[i]}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const R_SCRIPT = String.raw`
suppressPackageStartupMessages({ library(survival); library(relsurv) })
a <- commandArgs(TRUE); km_file <- a[1]; pp_file <- a[2]; lt_file <- a[3]; out <- a[4]
tms <- c(1, 3, 5) * 365.241
km <- read.csv(km_file)
st_km <- system.time({ fit <- survfit(Surv(time, status) ~ 1, data = km); s <- summary(fit, times = tms); med <- summary(fit)$table[["median"]] })
t_km <- st_km[["elapsed"]]; c_km <- st_km[["user.self"]] + st_km[["sys.self"]]
lt <- read.csv(lt_file); ages <- sort(unique(lt$age)); yrs <- sort(unique(lt$year))
px <- function(x) { m <- matrix(NA_real_, length(ages), length(yrs)); sub <- lt[lt$sex == x, ]; m[cbind(match(sub$age, ages), match(sub$year, yrs))] <- 1 - sub$qx; m }
rt <- transrate(px(1), px(2), yearlim = range(yrs), int.length = 1)
pp <- read.csv(pp_file); pp$dx <- as.Date(pp$diagnosis_date)
st_pp <- system.time({ pfit <- rs.surv(Surv(time, status) ~ 1, data = pp, ratetable = rt, method = "pohar-perme", rmap = list(age = age * 365.241, sex = sex, year = dx)); ps <- summary(pfit, times = tms) })
t_pp <- st_pp[["elapsed"]]; c_pp <- st_pp[["user.self"]] + st_pp[["sys.self"]]
f <- function(x) paste(sprintf("%.17g", x), collapse = ",")
writeLines(c(paste0('{"km_seconds":', t_km, ',"pp_seconds":', t_pp, ',"km_cpu":', c_km, ',"pp_cpu":', c_pp, ',"km_surv":[', f(s$surv), '],"km_lower":[', f(s$lower), '],"km_median":', f(med),
  ',"pp_surv":[', f(ps$surv), '],"pp_lower":[', f(ps$lower), '],"r_version":"', R.version.string, '","survival":"', packageVersion("survival"), '","relsurv":"', packageVersion("relsurv"), '"}')), out)
`;

/** Wall and CPU time: the machine is shared, so CPU time is the steadier comparison with R's user + system time. */
async function measured<T>(fn: () => T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const { value, ms } = await timed(fn);
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

const dir = mkdtempSync(join(tmpdir(), 'onconet-bench-survival-'));
try {
  const kmCohort = makeCohort(KM_N, 2026);
  const ppCohort = makeCohort(PP_N, 5);
  const kmFile = join(dir, 'km.csv');
  const ppFile = join(dir, 'pp.csv');
  const ltFile = join(dir, 'life-table.csv');
  writeCohort(kmFile, kmCohort, false);
  writeCohort(ppFile, ppCohort, true);
  writeFileSync(ltFile, `${['sex,age,year,qx', ...chinaModelRows().map((r) => `${r.sex},${r.age},${r.year},${r.qx}`)].join('\n')}\n`);

  // Ours: the same computation R times — the curve, its values at 1/3/5 years and the median.
  const km = await measured(() => {
    const curve = kaplanMeier({ time: kmCohort.time, status: kmCohort.status });
    return { points: survivalAt(curve, YEARS, 'log', riskSetFromCurve(curve)), median: medianYears(curve) };
  });
  const rates = toRateTable(chinaModelLifeTable());
  const covariates = { ageDays: ppCohort.age.map((a) => a * DAYS_PER_YEAR), sex: ppCohort.sex, diagnosisDay: ppCohort.dxEpochDay.map((d) => d + RATETABLE_ORIGIN_OFFSET) };
  const pp = await measured(() => {
    const curve = relativeSurvival({ time: ppCohort.time, status: ppCohort.status }, covariates, rates, 'pohar-perme');
    return survivalAt(curve, YEARS, 'log', riskSetFromCurve(curve));
  });

  const rScript = join(dir, 'bench.R');
  const rOut = join(dir, 'r.json');
  writeFileSync(rScript, R_SCRIPT);
  const r = spawnSync('Rscript', [rScript, kmFile, ppFile, ltFile, rOut], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`Rscript failed (${r.status})`);
  const R = JSON.parse(readFileSync(rOut, 'utf8')) as { km_seconds: number; pp_seconds: number; km_cpu: number; pp_cpu: number; km_surv: number[]; km_lower: number[]; km_median: number; pp_surv: number[]; pp_lower: number[]; r_version: string; survival: string; relsurv: string };
  const maxDiff = (ours: (number | null)[], theirs: number[]) => Math.max(...theirs.map((v, i) => Math.abs((ours[i] ?? NaN) - v)));

  writeResults('epi-survival', {
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    r: { version: R.r_version, survival: R.survival, relsurv: R.relsurv },
    kaplanMeier: {
      patients: KM_N,
      oursMs: Math.round(km.ms * 10) / 10,
      rMs: Math.round(R.km_seconds * 1000),
      oursOverR: Math.round((km.ms / (R.km_seconds * 1000)) * 1000) / 1000,
      oursCpuMs: Math.round(km.cpuMs),
      rCpuMs: Math.round(R.km_cpu * 1000),
      cpuOursOverR: Math.round((km.cpuMs / (R.km_cpu * 1000)) * 1000) / 1000,
      targetMs: 1000,
      maxAbsDiffSurvival: maxDiff(km.value.points.map((p) => p.survival), R.km_surv),
      maxAbsDiffLower: maxDiff(km.value.points.map((p) => p.lower), R.km_lower),
      medianDiffDays: Math.abs((km.value.median ?? NaN) * DAYS_PER_YEAR - R.km_median),
    },
    poharPerme: {
      patients: PP_N,
      oursMs: Math.round(pp.ms * 10) / 10,
      rMs: Math.round(R.pp_seconds * 1000),
      oursOverR: Math.round((pp.ms / (R.pp_seconds * 1000)) * 1000) / 1000,
      oursCpuMs: Math.round(pp.cpuMs),
      rCpuMs: Math.round(R.pp_cpu * 1000),
      cpuOursOverR: Math.round((pp.cpuMs / (R.pp_cpu * 1000)) * 1000) / 1000,
      targetMs: 5000,
      maxAbsDiffSurvival: maxDiff(pp.value.map((p) => p.survival), R.pp_surv),
      maxAbsDiffLower: maxDiff(pp.value.map((p) => p.lower), R.pp_lower),
    },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
