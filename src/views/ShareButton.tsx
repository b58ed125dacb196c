import { useState } from 'react';
import { encodeShareLink, MAX_SHARE_URL_CHARS } from '../session/index';
import { useLab, useLabStore } from '../store/context';
import { saveRecording } from './files';
import { baseUrl } from './page-url';

interface Shared {
  readonly url: string;
  readonly copied: boolean;
  readonly fingerprint: string;
}

/**
 * "Share link": the whole session (config, seed, timed actions), the moment
 * and the tab, packed into the URL. Past 2,000 characters it says so and
 * offers the recording as a file instead.
 */
export function ShareButton() {
  const store = useLabStore();
  const [shared, setShared] = useState<Shared | null>(null);
  // A boolean, not the fingerprint itself: that changes every frame, and this re-renders on change.
  const movedOn = useLab((s) => shared !== null && s.fingerprint !== shared.fingerprint);
  const share = async () => {
    const moment = store.getState().sharedView();
    if (moment === null) return;
    const url = `${baseUrl()}#${await encodeShareLink(moment.view)}`;
    let copied = false;
    if (url.length <= MAX_SHARE_URL_CHARS) {
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        // No clipboard (an insecure page, a denied permission): the field below is there to copy.
      }
    }
    setShared({ url, copied, fingerprint: moment.fingerprint });
  };
  const tooLong = shared !== null && shared.url.length > MAX_SHARE_URL_CHARS;
  return (
    <div className="share">
      <button type="button" onClick={() => void share()}>
        Share link
      </button>
      {shared && (
        <div className="share-panel" role="dialog" aria-label="Share link">
          {tooLong ? (
            <p role="status">
              This link is {shared.url.length.toLocaleString('en')} characters: more than{' '}
              {MAX_SHARE_URL_CHARS.toLocaleString('en')}, which some chats, mail programs and
              browsers cut. Save the recording as a file and share that instead.{' '}
              <button type="button" onClick={() => saveRecording(store.getState())}>
                Save recording
              </button>
            </p>
          ) : (
            <p role="status">
              {shared.copied ? 'Copied to the clipboard' : 'Copy this link'} (
              {shared.url.length.toLocaleString('en')} characters). It opens this session at this
              moment.
            </p>
          )}
          <input
            readOnly
            value={shared.url}
            aria-label="Link to this moment"
            data-testid="share-url"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" onClick={() => setShared(null)} aria-label="Close">
            ×
          </button>
          <p className="muted">
            State fingerprint <code data-testid="share-fingerprint">{shared.fingerprint}</code>:
            whoever opens the link sees the same one.
            {movedOn &&
              ' The lab has moved on since: the link opens the moment you shared, not this one.'}
          </p>
        </div>
      )}
    </div>
  );
}
