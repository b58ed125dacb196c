/** Share-link length for each built-in scenario, played through to its end. */
import { BUILTIN_SCENARIOS, builtinScenario } from '../../src/scenarios/index';
import { encodeShareLink, Session } from '../../src/session/index';

/** A typical address in front of the fragment (the page's own origin and path). */
export const EXAMPLE_BASE = 'https://partition-lab.example/';

export async function linkLengths(): Promise<{ id: string; fragment: number; url: number }[]> {
  const out: { id: string; fragment: number; url: number }[] = [];
  for (const { id } of BUILTIN_SCENARIOS) {
    const session = new Session(builtinScenario(id)!);
    session.advance(session.scenario.durationMs);
    const fragment = await encodeShareLink({
      scenario: session.save()!,
      end: session.end,
      at: session.now,
      tab: 'bars',
    });
    out.push({ id, fragment: fragment.length, url: EXAMPLE_BASE.length + 1 + fragment.length });
  }
  return out;
}
