/**
 * The stage-first start (App and EmbedApp with `stageFirst`, as the page
 * mounts them): the first commit holds the transport, the stage and the
 * timeline; the panels follow after a frame, against a real store.
 */
import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/views/App';
import { EmbedApp } from '../../src/views/EmbedApp';
import { renderLab } from './support/lab';

/** Runs the frame callbacks queued so far, then the tasks they queued. */
async function nextFrameThenTask(): Promise<void> {
  await act(async () => {
    await new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  });
}

describe('stage first', () => {
  it('the lab shows the stage and the timeline at once, the controls and lag panels after a frame', async () => {
    const frames = vi.spyOn(window, 'requestAnimationFrame');
    renderLab(<App stageFirst />);
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
    expect(screen.getByTestId('timeline-track')).toBeInTheDocument();
    expect(document.querySelector('.stage canvas')).not.toBeNull();
    expect(screen.queryByRole('complementary', { name: 'Controls' })).toBeNull();
    expect(screen.queryByRole('tablist', { name: 'Lag details' })).toBeNull();
    expect(document.querySelector('.lag-chart')).toBeNull();
    expect(frames).toHaveBeenCalled();
    await nextFrameThenTask();
    expect(screen.getByRole('complementary', { name: 'Controls' })).toBeInTheDocument();
    expect(screen.getByRole('tablist', { name: 'Lag details' })).toBeInTheDocument();
    expect(document.querySelector('.lag-chart')).not.toBeNull();
    frames.mockRestore();
  });

  it('without it, everything is there from the first commit', () => {
    renderLab(<App />);
    expect(screen.getByRole('complementary', { name: 'Controls' })).toBeInTheDocument();
    expect(screen.getByRole('tablist', { name: 'Lag details' })).toBeInTheDocument();
  });

  it('an embed with lanes fills its panels after a frame; one without lanes at once', async () => {
    const { unmount } = renderLab(<EmbedApp panels={['lanes', 'table']} stageFirst />);
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
