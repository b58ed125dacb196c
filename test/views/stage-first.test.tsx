/**
 * The stage-first start (App and EmbedApp with `stageFirst`, in StrictMode as
 * the page mounts them): the first commit holds the transport, the stage and
 * the timeline; the panels follow after a frame, against a real store.
 */
import { act, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/views/App';
import { EmbedApp } from '../../src/views/EmbedApp';
import { renderLab } from './support/lab';

/** Runs the frame callbacks queued so far, then the tasks they queued. */
async function nextFrameThenTask(): Promise<void> {
  await act(async () => {
    await new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  });
}

const controls = () => screen.queryByRole('complementary', { name: 'Controls' });
const lagTabs = () => screen.queryByRole('tablist', { name: 'Lag details' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('stage first', () => {
  it('the lab shows the stage and the timeline at once, the controls and lag panels after a frame', async () => {
    renderLab(
      <StrictMode>
        <App stageFirst />
      </StrictMode>,
    );
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
    expect(screen.getByTestId('timeline-track')).toBeInTheDocument();
    expect(document.querySelector('.stage canvas')).not.toBeNull();
    expect(controls()).toBeNull();
    expect(lagTabs()).toBeNull();
    expect(document.querySelector('.lag-chart')).toBeNull();
    await nextFrameThenTask();
    expect(controls()).toBeInTheDocument();
    expect(lagTabs()).toBeInTheDocument();
    expect(document.querySelector('.lag-chart')).not.toBeNull();
  });

  it('without it, everything is there from the first commit', () => {
    renderLab(<App />);
    expect(controls()).toBeInTheDocument();
    expect(lagTabs()).toBeInTheDocument();
  });

  it('a page that gets no frames (a slide not shown yet) still renders its panels after a second', async () => {
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    const wait = (ms: number) =>
      act(async () => {
        await new Promise<void>((done) => setTimeout(done, ms));
      });
    renderLab(
      <StrictMode>
        <App stageFirst />
      </StrictMode>,
    );
    await wait(500);
    expect(controls()).toBeNull();
    await wait(600);
    expect(controls()).toBeInTheDocument();
  });

  it('an embed with lanes fills its panels after a frame; one without lanes at once', async () => {
    const { unmount } = renderLab(
      <StrictMode>
        <EmbedApp panels={['lanes', 'table']} stageFirst />
      </StrictMode>,
    );
    const panel = () => document.querySelector('[data-panel="table"]');
    expect(panel()).not.toBeNull();
    expect(panel()!.childElementCount).toBe(0);
    await nextFrameThenTask();
    expect(panel()!.childElementCount).toBeGreaterThan(0);
    unmount();
    renderLab(<EmbedApp panels={['table']} stageFirst />);
    expect(panel()!.childElementCount).toBeGreaterThan(0);
  });
});
