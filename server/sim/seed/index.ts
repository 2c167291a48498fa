import type { SimContext } from '../context.ts';
import { seedBatch } from './batch.ts';
import { seedJobs } from './jobs.ts';
import { seedShop } from './shop.ts';
import { seedStorage } from './storage.ts';
import { seedSystem } from './system.ts';

/** The story the demo cluster tells on start-up (see docs/demo-cluster.md). */
export function seedDemoCluster(ctx: SimContext): void {
  seedSystem(ctx);
  seedStorage(ctx);
  seedShop(ctx);
  seedBatch(ctx);
  seedJobs(ctx);
}

export { SEED_NAMESPACES } from './system.ts';
