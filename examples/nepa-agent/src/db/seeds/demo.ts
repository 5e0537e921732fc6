/**
 * The demo records: three synthetic projects from three agencies covering all levels of review, each
 * within the statutory deadlines and page limits, so a compliance check finds nothing here.
 */
import { highway } from './demo-highway.js';
import { solar } from './demo-solar.js';
import { trail } from './demo-trail.js';
import type { SeedProject } from './writer.js';

export { TRAIL_CE_KEY, TRAIL_KEY } from './demo-trail.js';

/** The demo projects, in the order they are written. */
export const DEMO_PROJECTS: readonly SeedProject[] = [solar, highway, trail];
