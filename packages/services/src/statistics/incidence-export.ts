import ExcelJS from 'exceljs';
import { SEX_KEYS, type ReportRow, type SexKey } from '@onconet/domain/epi/report/incidence-report';
import type { IncidenceAnswer } from './statistics-service.ts';

export type ExportLanguage = 'zh' | 'en';

const HEADERS: Record<ExportLanguage, readonly string[]> = {
  zh: ['性别', '部位', 'ICD-10', '病例数', '粗率(1/10万)', '构成(%)', '中标率(1/10万)', '中标率95%下限', '中标率95%上限', '世标率(1/10万)', '累积率0-74岁(%)'],
  en: ['Sex', 'Site', 'ICD-10', 'Cases', 'Crude rate (per 100,000)', 'Proportion (%)', 'ASR China 2000', 'ASR China lower 95%', 'ASR China upper 95%', 'ASR world (Segi)', 'Cumulative rate 0-74 (%)'],
};
const SEX_LABEL: Record<ExportLanguage, Record<SexKey, string>> = {
  zh: { both: '合计', male: '男性', female: '女性' },
  en: { both: 'Both sexes', male: 'Male', female: 'Female' },
};
/** Suppressed cells are written as a mark, never as an empty cell that could be read as zero. */
const SUPPRESSED: Record<ExportLanguage, string> = { zh: '<10（已抑制）', en: 'suppressed' };

const round = (v: number | null, digits: number) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

function rowsOf(answer: IncidenceAnswer, lang: ExportLanguage): Array<Array<string | number | null>> {
  const out: Array<Array<string | number | null>> = [];
  for (const sex of SEX_KEYS) {
    for (const row of answer.rows as ReportRow[]) {
      const c = row.cells[sex];
      const site = lang === 'zh' ? row.site.zh : row.site.en;
      if (c.cases === null) {
        out.push([SEX_LABEL[lang][sex], site, row.site.icd10, SUPPRESSED[lang], null, null, null, null, null, null, null]);
        continue;
      }
      out.push([SEX_LABEL[lang][sex], site, row.site.icd10, c.cases, round(c.crudeRate, 2), round(c.proportion, 2), round(c.asrChina, 2), round(c.asrChinaLower, 2), round(c.asrChinaUpper, 2), round(c.asrWorld, 2), round(c.cumRate0to74, 2)]);
    }
  }
  return out;
}

function workbook(answer: IncidenceAnswer, lang: ExportLanguage): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(lang === 'zh' ? '发病' : 'Incidence');
  sheet.addRow([...HEADERS[lang]]);
  for (const row of rowsOf(answer, lang)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return book;
}

/** The NCCR incidence table as a file: UTF-8 CSV with a byte-order mark (so Excel in China opens it right) or XLSX. */
export async function exportIncidence(answer: IncidenceAnswer, format: 'csv' | 'xlsx', lang: ExportLanguage): Promise<Buffer> {
  const book = workbook(answer, lang);
  if (format === 'xlsx') return Buffer.from(await book.xlsx.writeBuffer());
  const csv = Buffer.from(await book.csv.writeBuffer());
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]);
}
