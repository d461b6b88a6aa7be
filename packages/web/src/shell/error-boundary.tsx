import { Result } from 'antd';
import { Component, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly children: ReactNode;
}

/** A page that throws while rendering shows a message instead of blanking the whole app. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) return <Result status="error" title={this.props.title} subTitle={this.state.error.message} data-testid="page-error" />;
    return this.props.children;
  }
}
