import { Alert, Button, Progress, Radio, Space, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/index.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { registryApi, type ImportReport } from './registry-api.ts';
import { registryText } from './registry-text.ts';
import type { ServerProgress } from '../../api/client.ts';

const PHASES = new Set(['validate', 'match', 'consolidate']);

/** 数据导入 — CSV (UTF-8 or GBK) or Excel; upload progress, then the server's report naming rows and columns. */
export function ImportTab() {
  const { lang } = useI18n();
  const tx = registryText(lang);
  const [kind, setKind] = useState<'notifications' | 'deaths'>('notifications');
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [server, setServer] = useState<ServerProgress | null>(null);
  const upload: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    setReport(null);
    setError(null);
    setServer(null);
    setProgress(0);
    registryApi
      .upload(kind, file, (f) => setProgress(Math.round(f * 100)), setServer)
      .then((r) => setReport(r))
      .catch((e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e))))
      .finally(() => {
        setProgress(null);
        setServer(null);
      });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <span>{tx('kind')}</span>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} options={[{ value: 'notifications', label: tx('kindNotifications') }, { value: 'deaths', label: tx('kindDeaths') }]} />
        <a href={`/api/registry/templates/${kind}.csv`}>{tx('template')}</a>
        <a href="/api/registry/export/cases.csv">{tx('exportCases')}</a>
      </Space>
      <Upload.Dragger accept=".csv,.xlsx" showUploadList={false} customRequest={upload} disabled={progress !== null}>
        <p>{tx('choose')}</p>
      </Upload.Dragger>
      {progress !== null ? (
        <div data-testid="registry-import-progress">
          <Progress percent={progress} status="active" />
          {progress === 100 ? <span>{tx('processing')}</span> : <span>{tx('uploading')}</span>}
          {server !== null && server.total > 0 ? (
            <div data-testid="registry-import-server-progress">
              <span>{PHASES.has(server.phase) ? tx(`phase_${server.phase as 'validate'}`) : server.phase} {server.done}/{server.total}</span>
              <Progress percent={Math.round((100 * server.done) / server.total)} status="active" />
            </div>
          ) : null}
        </div>
      ) : null}
      <ErrorAlert error={error} testId="registry-import-error" />
      {error && error.fieldErrors.length > 0 ? (
        <ul data-testid="registry-import-report">
          {error.fieldErrors.slice(0, 200).map((f, i) => <li key={i}><strong>{f.field}</strong> {f.message}</li>)}
        </ul>
      ) : null}
      {report ? (
        <Alert
          type={report.status === 'imported' ? 'success' : 'info'}
          showIcon
          message={`${report.fileName}: ${report.status === 'imported' ? tx('imported') : report.status === 'already_imported' ? tx('already') : tx('rejected')} — ${report.rowsLoaded}/${report.rowsTotal} ${tx('rows')}${report.encoding ? ` · ${report.encoding}` : ''}`}
          description={
            <div>
              {report.summary ? <div>{Object.entries(report.summary).map(([k, v]) => `${k}: ${v}`).join(' · ')}</div> : null}
              {report.warnings.map((w) => <div key={w}>{w}</div>)}
            </div>
          }
        />
      ) : null}
      <Button type="link" href="/api/docs">API</Button>
    </Space>
  );
}
