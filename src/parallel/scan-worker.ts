/**
 * Entry of a parallel scan's worker thread (built to dist/scan-worker.js): runs the tasks of each
 * message the owner posts, in order, and posts their replies back in groups. Shared buffers in
 * replies are shared, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { taskRunner, type TaskReply, type TaskRequest, type WorkerSetup } from './tasks.js';

const run = taskRunner(workerData as WorkerSetup);
/** Replies go back in groups: each message costs both threads a wake-up, each group frees the owner to go on. */
const REPLY_GROUP = 8;

parentPort!.on('message', (tasks: { id: number; request: TaskRequest }[]) => {
  let replies: { id: number; reply: TaskReply }[] = [];
  for (const { id, request } of tasks) {
    replies.push({ id, reply: run(request) });
    if (replies.length === REPLY_GROUP) {
      parentPort!.postMessage(replies);
      replies = [];
    }
  }
  if (replies.length > 0) parentPort!.postMessage(replies);
});
