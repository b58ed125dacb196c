import { MAX_FILE_BYTES } from '../scenarios/index';
import type { LabState } from '../store/simulation-store';

/** Reads a dropped or picked file into the lab, refusing an oversize file before reading it. */
export function loadFile(f: File, lab: Pick<LabState, 'loadScenarioFile' | 'reportError'>): void {
  if (f.size > MAX_FILE_BYTES) {
    lab.reportError(
      'INVALID_SCENARIO',
      `${f.name}: file: is ${f.size} bytes; at most ${MAX_FILE_BYTES} are read`,
    );
    return;
  }
  void f.text().then((text) => lab.loadScenarioFile(text, f.name));
}

/** Downloads the session as a scenario file that replays it (the browser's own save dialog). */
export function saveRecording(lab: Pick<LabState, 'saveScenario'>): void {
  const saved = lab.saveScenario();
  if (saved !== null) download(`${saved.id}.json`, `${JSON.stringify(saved, null, 2)}\n`);
}

/** Hands `data` to the browser's own save dialog as file `name`. */
export function download(name: string, data: string | Blob, type = 'application/json'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Late enough for a large file to start downloading in every browser.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
