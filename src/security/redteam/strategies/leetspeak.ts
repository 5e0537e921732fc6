import { substitution } from './strategy.js';

/** Lower-case letters swapped for look-alike digits, past keyword filters. */
export const leetspeak = substitution(
  'leetspeak',
  'letters replaced by look-alike digits (a->4, e->3, ...)',
  {
    a: '4',
    e: '3',
    i: '1',
    o: '0',
    s: '5',
    t: '7',
  },
);
