import { createSimulation } from './src/model/index.ts';
import { groupConfig, theGroup, ownershipProblems } from './test/model/groups/helpers.ts';
const sim = createSimulation(groupConfig({ seed: 0, partitions: 1, ratePerSec: 0, app: { assignor: 'sticky', instances: 2, processingMs: 1, sessionTimeoutMs: 6000, staticMembership: true, maxPollRecords: 5 }, cluster: { rebalanceMs: 0 } }));
const show = (l: string) => { const g = theGroup(sim); console.log(l, sim.now, g.state, g.generation, g.members.map(m => `${m.memberId}[${m.instanceId}] ${m.status} ${m.assignment.map(t=>t[1])}`).join(' | '), ownershipProblems(g).join(';')); };
const live = () => theGroup(sim).members.filter(m => ['processing','idle','rebalancing'].includes(m.status));
sim.advance(2000); show('start');
sim.apply({ type: 'addConsumer', appId: 'app' }); show('join');
sim.advance(1); sim.apply({ type: 'crashConsumer', memberId: live()[0]!.memberId }); show('crash1');
sim.advance(5); sim.apply({ type: 'crashConsumer', memberId: live()[0]!.memberId }); show('crash2');
sim.advance(5995); const l = live(); if (l[0]) sim.apply({ type: 'crashConsumer', memberId: l[0].memberId }); show('crash3');
sim.advance(5); sim.apply({ type: 'addConsumer', appId: 'app' }); show('join2');
const l2 = live(); if (l2[0]) sim.apply({ type: 'crashConsumer', memberId: l2[0].memberId }); show('crash4');
for (let i = 0; i < 30; i++) { sim.advance(1000); show('t'); }
