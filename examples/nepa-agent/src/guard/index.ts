export { checkDocument, createGuard, type DocumentVerdict, type Guard, type GuardInput } from './guard.js';
export { type GuardClassify, type GuardVerdict, type LoadedGuard, loadGuardModule } from './load.js';
export { guardQuestion } from './middleware.js';
