import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, List, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import type { AuditVerification } from '../../api/types.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** Recomputes the hash chain of the whole log on the server (GET /api/audit/verify) and shows the verdict. */
export function VerifyChain() {
  const { t } = useI18n();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.verifyAudit());
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void verify()} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
      <ErrorAlert error={error} />
      {result && (
        <Alert
          data-testid="audit-verify-result"
          data-ok={result.ok}
          type={result.ok ? 'success' : 'error'}
          showIcon
          title={result.ok ? t('audit.verifyOk', { n: result.checked }) : t('audit.verifyBroken', { n: result.checked, problems: result.problems.length })}
          description={
            result.problems.length > 0 ? (
              <List
                size="small"
                dataSource={result.problems.slice(0, 20)}
                renderItem={(p) => (
                  <List.Item>
                    {t('audit.problem', { seq: p.seq, kind: p.kind })}
                  </List.Item>
                )}
              />
            ) : undefined
          }
        />
      )}
    </Space>
  );
}
