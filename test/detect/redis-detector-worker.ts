/**
 * A worker process holding a Detector over shared Redis storage, driven by JSON lines on stdin:
 *
 *   node --import tsx test/detect/redis-detector-worker.ts <url> <prefix>
 *   → {"op":"add","article":{…}} | {"op":"match","text":"…"} | {"op":"remove","id":"…"} | {"op":"clusters"}
 *     | {"op":"pairs"} | {"op":"size"} | {"op":"has","id":"…"} | {"op":"removeOlderThan","time":"…"}
 *   ← {"ok":true,"result":…} or {"ok":false,"error":"…"}, one line per request, in order.
 *
 * Matches come back as { id, relation, direction, similarity } (no full comparison).
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Detector, redisDetectorStorage, type Match } from '../../src/index.js';

export type WorkerRequest =
  | { op: 'add'; article: { id: string; text: string; publishedAt?: string } }
  | { op: 'match'; text: string }
  | { op: 'remove'; id: string }
  | { op: 'has'; id: string }
  | { op: 'clusters' }
  | { op: 'pairs' }
  | { op: 'size' }
  | { op: 'removeOlderThan'; time: string };

const brief = (m: Match) => ({ id: m.id, relation: m.relation, direction: m.direction, similarity: m.similarity });

async function main(url: string, prefix: string): Promise<void> {
  const storage = await redisDetectorStorage({ url, prefix });
  const detector = new Detector({ storage });
  const run = async (req: WorkerRequest): Promise<unknown> => {
    switch (req.op) {
      case 'add':
        return (await detector.add(req.article)).map(brief);
      case 'match':
        return (await detector.match(req.text)).map(brief);
      case 'remove':
        return detector.remove(req.id);
      case 'has':
        return detector.has(req.id);
      case 'clusters':
        return detector.clusters();
      case 'pairs':
        return (await detector.pairs()).sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1));
      case 'size':
        return detector.size();
      case 'removeOlderThan':
        return detector.removeOlderThan(req.time);
    }
  };
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    try {
      const result = await run(JSON.parse(line) as WorkerRequest);
      process.stdout.write(`${JSON.stringify({ ok: true, result })}\n`);
    } catch (err) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: (err as Error).message })}\n`);
    }
  }
  await storage.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [url, prefix] = process.argv.slice(2);
  main(url!, prefix!).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
