export { type Clock, fixedClock, systemClock } from './clock.js';
export * from './config/index.js';
export { type CaraEnv, lookupEnv, readEnv } from './env.js';
export { CaraError, type CaraErrorOptions, type ErrorCode, isCaraError, messageOf } from './errors.js';
export { uuidv7 } from './ids.js';
export { type CreateLoggerOptions, createLogger, type Logger, redactPaths } from './logger.js';
export { seededRandom } from './random.js';
