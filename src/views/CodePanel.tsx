import { useMemo, useState } from 'react';
import { useLabData } from '../store/context';
import { codeSample } from './code-sample';

/** The kafkajs code for the current setup, updated live, with a copy button. */
export function CodePanel() {
  const producers = useLabData((panel) => panel.producers);
  const apps = useLabData((panel) => panel.apps);
  const code = useMemo(() => codeSample(producers, apps), [producers, apps]);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="code-panel">
      <div className="code-head">
        <span className="muted">kafkajs, for this setup</span>
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy code'}
        </button>
      </div>
      <pre tabIndex={0} aria-label="kafkajs code for this setup">
        <code>{code}</code>
      </pre>
    </div>
  );
}
