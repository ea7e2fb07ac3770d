/** MemoryDetectorStore against the DetectorStore behaviour suite (Redis runs it in redis-detector.test.ts). */
import { MemoryDetectorStore } from '../../src/index.js';
import { storeBehaviour } from './store-behaviour.js';

storeBehaviour('MemoryDetectorStore', () => new MemoryDetectorStore());
