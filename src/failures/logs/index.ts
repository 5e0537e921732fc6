export { cleanLogText, splitLinePrefix, stripAnsi } from './clean.js';
export type { LogLine, LogLineStream, LogReadReport, ReadLogLinesOptions } from './model.js';
export { logLinesFromText, readLogLines } from './read.js';
export { summarizeLogRead } from './summary.js';
