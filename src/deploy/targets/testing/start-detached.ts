/**
 * Starts one instance from a short-lived process, for the test that instances outlive cara.
 * Usage: node --import tsx start-detached.ts '<InstanceSpec JSON>' [hold]
 * Prints the InstanceRecord as JSON; with `hold` it then waits to be killed instead of exiting.
 */
import { localTarget } from '../index.js';

const [specJson = '{}', mode] = process.argv.slice(2);
const record = await localTarget.startInstance(JSON.parse(specJson));
process.stdout.write(`${JSON.stringify(record)}\n`);
if (mode === 'hold') setInterval(() => {}, 60_000);
