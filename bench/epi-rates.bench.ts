/**
 * Rates benchmark (issue 5 target: 5,000,000 individual cases by year × 30 sites × sex in ≤ 2 s, and no slower
 * than R). Our side: the domain engine on columnar input — tallyCases into 5 years × 30 sites × 2 sexes = 300
 * strata × 19 age groups, then stratumRates for every stratum under Segi (NCCR 19-group form) and China 2000, each
 * with its Fay–Feuer interval, cumulative risk and truncated rate. R's side, in the same run on the same cases
 * (handed over as binary columns, reading not timed): tabulate() into the same cells, then
 * epitools::ageadjust.direct per stratum and standard. Figures: bench/results/epi-rates.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tallyCases } from '../packages/domain/src/epi/rates/tally.ts';
import { stratumRates, type StratumRates } from '../packages/domain/src/epi/rates/stratum-rates.ts';
import { CHINA_2000, SEGI_1960 } from '../packages/domain/src/epi/standards/standard-populations.ts';
import { timed, writeResults } from './support.ts';

const CASES = Number(process.env.BENCH_CASES ?? 5_000_000);
const YEARS = 5;
const SITES = 30;
const STRATA = YEARS * SITES * 2;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Person-years of a Chongqing-sized district by 19 age groups (0, 1–4, 5–9 … 85+), per sex and year.
const PY = [6200, 25800, 30500, 28800, 35200, 52100, 60300, 55800, 49700, 56100, 61400, 57300, 47900, 40600, 30200, 19800, 13400, 8100, 4300];

function makeCases(): { stratum: Int32Array; age: Float64Array } {
  const r = rng(5);
  const stratum = new Int32Array(CASES);
  const age = new Float64Array(CASES);
  for (let i = 0; i < CASES; i += 1) {
    const year = Math.floor(r() * YEARS);
    const site = Math.min(SITES - 1, Math.floor(-Math.log(1 - r()) * 8)); // a few big sites, a long tail
    const sex = r() < 0.55 ? 0 : 1;
    stratum[i] = (year * SITES + site) * 2 + sex;
    // Cancer ages: mostly 40–85, a few children; 0.5 % unknown (NaN).
    age[i] = r() < 0.005 ? Number.NaN : Math.min(99.9, Math.max(0, 65 + 13 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())));
  }
  return { stratum, age };
}

function ours(stratum: Int32Array, age: Float64Array): { rates: StratumRates[]; tallyMs: number; ratesMs: number } {
  const t0 = performance.now();
  const tally = tallyCases(stratum, age, STRATA, 'china-19');
  const t1 = performance.now();
  const out: StratumRates[] = [];
  const py = PY.map((p) => p * 10);
  for (let s = 0; s < STRATA; s += 1) {
    const row = tally.subarray(s * 20, s * 20 + 20);
    const counts = { scheme: 'china-19' as const, cases: row.subarray(0, 19), unknownAge: row[19]!, personYears: py };
    out.push(stratumRates(counts, { standard: SEGI_1960, interval: 'fay-feuer', unknownAge: 'spread' }));
    out.push(stratumRates(counts, { standard: CHINA_2000, interval: 'fay-feuer', unknownAge: 'spread' }));
  }
  return { rates: out, tallyMs: t1 - t0, ratesMs: performance.now() - t1 };
}

const R_SCRIPT = String.raw`
suppressPackageStartupMessages(library(epitools))
args <- commandArgs(TRUE); dir <- args[1]; n <- as.integer(args[2]); strata <- as.integer(args[3])
stratum <- readBin(file.path(dir, "stratum.bin"), "integer", n, size = 4)
age <- readBin(file.path(dir, "age.bin"), "double", n, size = 8)
py <- scan(file.path(dir, "py.txt"), quiet = TRUE)
segi19 <- c(2400, 9600, 10000, 9000, 9000, 8000, 8000, 6000, 6000, 6000, 6000, 5000, 4000, 4000, 3000, 2000, 1000, 500, 500)
china19 <- c(13793799, 55184575, 90152587, 125396633, 103031165, 94573174, 117602265, 127314298, 109147295, 81242945,
             85521045, 63304200, 46370375, 41703848, 34780460, 25574149, 15928330, 7989158, 4001925)
t0 <- proc.time()[["elapsed"]]
# 19 groups (0, 1-4, 5-9 ... 85+) and slot 20 for unknown age, as the TypeScript tally.
# findInterval is R's fastest vectorised way to do this (C code), so R is not slowed by nested ifelse().
g <- findInterval(age, c(0, 1, seq(5, 85, 5)))
g[is.na(g)] <- 20L
tab <- matrix(tabulate(stratum * 20L + g, nbins = strata * 20L), nrow = 20)
t1 <- proc.time()[["elapsed"]]
asr <- numeric(0)
for (s in seq_len(strata)) {
  counts <- tab[1:19, s]
  known <- sum(counts)
  if (known > 0) counts <- counts * (known + tab[20, s]) / known   # unknown ages spread, as CI5
  for (w in list(segi19, china19)) asr <- c(asr, ageadjust.direct(count = counts, pop = py, stdpop = w)[c("adj.rate", "lci", "uci")])
}
t2 <- proc.time()[["elapsed"]]
cat(sprintf("%.6f %.6f\n", (t1 - t0) * 1000, (t2 - t1) * 1000))
writeLines(sprintf("%.17g", asr), file.path(dir, "r-asr.txt"))
`;

const generated = await timed(() => makeCases());
const { stratum, age } = generated.value;
ours(stratum.subarray(0, 10_000), age.subarray(0, 10_000)); // warm-up (JIT), not timed
const run = await timed(() => ours(stratum, age));

const dir = mkdtempSync(join(tmpdir(), 'onconet-bench-rates-'));
try {
  writeFileSync(join(dir, 'stratum.bin'), Buffer.from(stratum.buffer));
  writeFileSync(join(dir, 'age.bin'), Buffer.from(age.buffer));
  writeFileSync(join(dir, 'py.txt'), PY.map((p) => p * 10).join('\n'));
  writeFileSync(join(dir, 'bench.R'), R_SCRIPT);
  const r = spawnSync('Rscript', [join(dir, 'bench.R'), dir, String(CASES), String(STRATA)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
  const [rTallyMs, rRatesMs] = r.stdout.trim().split(/\s+/).map(Number) as [number, number];
  // Same numbers as R? ASR, lower and upper limit of every stratum under both standards.
  const rValues = readFileSync(join(dir, 'r-asr.txt'), 'utf8').trim().split('\n').map(Number);
  let maxRel = 0;
  run.value.rates.forEach((x, i) => {
    [x.asr, x.asr_lower, x.asr_upper].forEach((v, k) => {
      const ref = rValues[i * 3 + k]! * 1e5;
      if (ref !== 0 && Number.isFinite(ref)) maxRel = Math.max(maxRel, Math.abs(v - ref) / Math.abs(ref));
    });
  });
  const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
  const oursMs = round(run.ms);
  const rMs = Math.round((rTallyMs + rRatesMs) * 10) / 10;
  writeResults('epi-rates', {
    cases: CASES,
    strata: STRATA,
    ageGroups: 19,
    standards: ['segi1960 (NCCR 19 groups)', 'china2000'],
    generateMs: Math.round(generated.ms),
    ours: { totalMs: oursMs, tallyMs: round(run.value.tallyMs), ratesMs: round(run.value.ratesMs), casesPerSecond: Math.round(CASES / (run.ms / 1000)) },
    r: { totalMs: rMs, tabulateMs: rTallyMs, ageadjustDirectMs: rRatesMs, note: 'Rscript, epitools::ageadjust.direct; reading the binary columns not timed' },
    ratio: { oursOverR: Math.round((oursMs / rMs) * 1000) / 1000, tallyOverR: round(run.value.tallyMs / rTallyMs, 3), ratesOverR: round(run.value.ratesMs / rRatesMs, 3) },
    target: { ms: 2000, met: oursMs <= 2000, ratioGoal: 1, ratioMet: oursMs <= rMs },
    agreementWithR: { maxRelativeDifference: maxRel, values: rValues.length },
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
