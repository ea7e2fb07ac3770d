/**
 * Run by exit.test.ts in a child process (`node --import tsx exit-script.ts <mode>`): a parallel
 * scan that finishes, is stopped early, or loses a worker. The child must then exit by itself —
 * no worker thread or handle left keeping it alive — and print what it saw.
 */
import { addParallel, Detector, WorkerError } from '../../src/index.js';
import { newsCorpusWithCopies } from '../helpers/corpus.js';

const mode = process.argv[2];
const articles = newsCorpusWithCopies(300);
if (mode === 'crash') articles.splice(10, 0, { id: 'huge', text: 'copper wheat harbour strike '.repeat(400_000), paragraphs: [] });
const detector = new Detector();
let seen = 0;
try {
  for await (const o of addParallel(detector, articles, { workers: 2, resourceLimits: mode === 'crash' ? { maxOldGenerationSizeMb: 16 } : undefined })) {
    if (o.error) throw o.error;
    seen++;
    if (mode === 'break' && seen === 30) break;
  }
  process.stdout.write(`${mode} ${seen} ${await detector.size()}\n`);
} catch (err) {
  process.stdout.write(`${mode} ${err instanceof WorkerError ? 'WorkerError' : String(err)} ${await detector.size()}\n`);
}
