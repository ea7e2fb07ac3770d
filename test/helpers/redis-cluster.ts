/**
 * Test support: a throw-away local Redis Cluster — three masters on free ports, no replicas, no
 * persistence — started as child processes (`redis-server --cluster-enabled yes`, then
 * `redis-cli --cluster create`) and stopped by PID. Also used by the bench.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LocalCluster {
  /** Seed nodes for `cluster` options and `new Cluster(nodes)`. */
  readonly nodes: { host: string; port: number }[];
  readonly ports: number[];
  /** `redis-cli` with arguments, against one node; resolves to its stdout. */
  cli(port: number, ...args: string[]): string;
  /** Kills the server on `port` (SIGKILL, by PID), as a crash would. */
  kill(port: number): void;
  /** Stops every server by PID and removes its directory. */
  stop(): Promise<void>;
}

/** Why a local cluster cannot start here (no redis-server / redis-cli), or undefined. */
export function clusterUnavailable(): string | undefined {
  for (const tool of ['redis-server', 'redis-cli']) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return `${tool} is not installed (apt-get install redis-server redis-tools)`;
  }
  return undefined;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` free ports whose cluster-bus ports (+10000) are free too. */
async function freePorts(count: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < count) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if (!out.includes(port) && (await portFree(port)) && (await portFree(port + 10000))) out.push(port);
  }
  return out;
}

/** A plain redis-server (no cluster, no persistence) on a free port, for side-by-side figures. */
export async function startRedis(): Promise<{ port: number; url: string; stop(): Promise<void> }> {
  const [port] = await freePorts(1);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let t = 0; spawnSync('redis-cli', ['-p', String(port!), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; t++) {
    if (t > 100) {
      await stop();
      throw new Error(`redis-server on port ${port} did not start`);
    }
    await sleep(50);
  }
  return { port: port!, url: `redis://127.0.0.1:${port}`, stop };
}

/** Starts a three-master cluster and waits for `cluster_state:ok` on every node. */
export async function startCluster(masters = 3): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-cluster-'));
  const ports = await freePorts(masters);
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--cluster-node-timeout', '2000'],
      { stdio: 'ignore' },
    ),
  );
  const cli = (port: number, ...args: string[]): string => {
    const r = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`redis-cli ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null || c.pid === undefined) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      for (let t = 0; ; t++) {
        const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
        if (r.stdout.trim() === 'PONG') break;
        if (t > 100) throw new Error(`redis-server on port ${port} did not start`);
        await sleep(50);
      }
    }
    const r = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`redis-cli --cluster create failed: ${r.stderr || r.stdout}`);
    for (const port of ports) {
      for (let t = 0; !cli(port, 'cluster', 'info').includes('cluster_state:ok'); t++) {
        if (t > 200) throw new Error(`cluster node ${port} never reached cluster_state:ok`);
        await sleep(50);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const kill = (port: number): void => {
    const child = children[ports.indexOf(port)];
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), ports, cli, kill, stop };
}
