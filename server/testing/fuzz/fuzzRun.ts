/**
 * One fuzz run: the plan (every generator's cases, shuffled together, with control rounds and
 * live-channel batches in between), then each case sent in turn and judged — its answer, the
 * console still serving, and a snapshot of the cluster against the one before it. A case that
 * damaged the world is reported and the world rebuilt, and the run goes on.
 */
import { actionFactories } from './actionCases.ts';
import { apiMiscFactories } from './apiMiscCases.ts';
import { answerProblems, type Problem } from './answerChecks.ts';
import type { CaseFactory } from './caseEnv.ts';
import { forbiddenChanges, snapshot, type Snapshot } from './clusterSnapshot.ts';
import { startConsoleUnderFuzz, type ConsoleUnderFuzz } from './consoleUnderFuzz.ts';
import { controlRound } from './controlCases.ts';
import { Findings, normalise } from './findings.ts';
import { FuzzWorld } from './fuzzWorld.ts';
import { reproduction, send, type HttpCase } from './httpCase.ts';
import { liveCase } from './liveCases.ts';
import { LiveClient, liveReproduction, runLiveCase } from './liveChannel.ts';
import { Prng } from './prng.ts';
import { proxyFactories } from './proxyCases.ts';
import { upgradeFactories } from './upgradeCases.ts';

/** How many cases of each generator (the action matrix comes on top of its random cases). */
export const PLAN = { randomActions: 500, proxy: 800, apiMisc: 150, upgradeRounds: 4, controlEvery: 250, liveEvery: 120, liveBatch: 35 };

type Step = { kind: 'http'; factory: CaseFactory } | { kind: 'control'; round: number } | { kind: 'live' };

export interface RunSummary {
  seed: number;
  cases: Record<string, number>;
  ms: number;
  findings: Findings;
}

function plan(rng: Prng): Step[] {
  const http = rng.shuffle([...actionFactories(rng.fork('action matrix'), PLAN.randomActions), ...proxyFactories(PLAN.proxy), ...apiMiscFactories(PLAN.apiMisc), ...upgradeFactories(PLAN.upgradeRounds)]);
  const steps: Step[] = [{ kind: 'control', round: 0 }];
  http.forEach((factory, i) => {
    steps.push({ kind: 'http', factory });
    if ((i + 1) % PLAN.controlEvery === 0) steps.push({ kind: 'control', round: (i + 1) / PLAN.controlEvery });
    if ((i + 1) % PLAN.liveEvery === 0) steps.push({ kind: 'live' });
  });
  return steps;
}

export async function runFuzz(seed: number, log: (line: string) => void = () => undefined): Promise<RunSummary> {
  const started = Date.now();
  const root = new Prng(seed);
  const steps = plan(root.fork('plan'));
  const rng = root.fork('cases');
  const target = await startConsoleUnderFuzz();
  const world = new FuzzWorld(target.cluster.store, target.api);
  const findings = new Findings();
  const cases: Record<string, number> = { http: 0, control: 0, live: 0 };
  let n = 0;
  let nextLog = 500;
  let live: LiveClient | undefined;
  try {
    await world.build();
    let before = snapshot(target.cluster.store);

    /** Sends one case and records what is wrong with its answer, the console, and the cluster after it. */
    const runHttp = async (c: HttpCase) => {
      const answer = await send(target.port(), c);
      const problems: Problem[] = answerProblems(c, answer, target.secrets.needles);
      const logged = target.takeErrors();
      const fivexx = problems.find((p) => p.check === '5xx answer');
      if (fivexx && logged.length) fivexx.detail = logged.join('\n');
      else if (logged.length) problems.push({ check: 'console logged an error', signature: normalise(logged[0]), detail: logged.join('\n') });
      const stopped = await target.ensureServing();
      if (stopped) problems.push({ check: 'console stopped serving', signature: normalise(stopped.split('\n')[0]), detail: stopped });
      const after = snapshot(target.cluster.store);
      const forbidden = forbiddenChanges(before, after, { quiet: world.quiet, named: new Set(c.named ?? []), ignored: world.retired });
      const check = c.named ? 'write to an object the case did not name' : 'cluster changed by a case that must change nothing';
      if (forbidden.length) problems.push({ check, signature: changeSignature(forbidden), detail: forbidden.join('\n') });
      for (const p of problems) findings.add({ ...p, route: c.route, label: c.label, reproduction: reproduction(c) });
      before = forbidden.length ? await recover(target, world, forbidden) : after;
    };

    for (const step of steps) {
      if (step.kind === 'http') {
        cases.http++;
        await runHttp(step.factory({ rng, world, context: target.context, port: target.port(), n: ++n }));
      } else if (step.kind === 'control') {
        const round = controlRound(step.round);
        await round.prepare(target.api, world.fuzz);
        await world.settle();
        before = snapshot(target.cluster.store);
        for (const factory of round.cases) {
          cases.control++;
          await runHttp(factory({ rng, world, context: target.context, port: target.port(), n: ++n }));
        }
        await world.settle();
        before = snapshot(target.cluster.store);
      } else {
        for (let i = 0; i < PLAN.liveBatch; i++) {
          live ??= await LiveClient.connect(target.port());
          const c = liveCase(rng, ++n, world.victim, target.context);
          cases.live++;
          const { problems, reopen } = await runLiveCase(live, c, n, target.secrets.needles);
          const stopped = await target.ensureServing();
          if (stopped) problems.push({ check: 'console stopped serving', signature: normalise(stopped.split('\n')[0]), detail: stopped });
          for (const p of problems) findings.add({ ...p, route: 'WS /api/live', label: c.label, reproduction: liveReproduction(c, n) });
          if (reopen || stopped) {
            live.close();
            live = undefined;
          }
        }
        const after = snapshot(target.cluster.store);
        const forbidden = forbiddenChanges(before, after, { quiet: world.quiet, ignored: world.retired });
        if (forbidden.length) findings.add({ check: 'cluster changed by a case that must change nothing', route: 'WS /api/live', signature: changeSignature(forbidden), label: 'live batch', reproduction: `live batch ending at #${n}` });
        before = forbidden.length ? await recover(target, world, forbidden) : after;
      }
      if (n >= nextLog && (nextLog += 500)) log(`fuzz: ${n} cases, ${findings.size} failure groups, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    live?.close();
    await target.close();
  }
  return { seed, cases, ms: Date.now() - started, findings };
}

/** What kind of objects changed how, names blanked (they are in the detail), so the same damage is one group. */
function changeSignature(forbidden: string[]): string {
  const shapes = forbidden.map((f) => normalise(f.startsWith('Namespace ') ? f : f.replace(/^(\S+ [^/]+)\/\S+/, '$1/…')));
  return [...new Set(shapes)].slice(0, 4).join('; ');
}

/** After a forbidden write: let the controllers finish, rebuild what was damaged, start a new baseline. */
async function recover(target: ConsoleUnderFuzz, world: FuzzWorld, forbidden: string[]): Promise<Snapshot> {
  const touches = (ns: string) => forbidden.some((f) => f.includes(` ${ns}/`) || f.startsWith(`Namespace ${ns} `));
  const damaged = { victim: touches(world.victim), fuzz: touches(world.fuzz) };
  if (damaged.victim || damaged.fuzz) await world.rebuild(damaged);
  else await world.settle(3000);
  return snapshot(target.cluster.store);
}
