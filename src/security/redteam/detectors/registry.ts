/** Detectors by id; every case runs through all of them. */
import { canaryDetector } from './canary.js';
import type { Detector } from './detector.js';
import { exfilUrlDetector } from './exfil-url.js';
import { markerDetector } from './marker.js';
import { piiSecretDetector } from './pii-secrets.js';
import { resourceDetector } from './resource.js';
import { systemPromptDetector } from './system-prompt.js';
import { toolCallDetector } from './tool-calls.js';

export const DETECTORS: readonly Detector[] = [
  canaryDetector,
  systemPromptDetector,
  toolCallDetector,
  exfilUrlDetector,
  markerDetector,
  piiSecretDetector,
  resourceDetector,
];
