/**
 * Snapshot file saves keep what a user set on the target — its mode, a symlink — refuse
 * non-regular targets, and clear temporary files left by a save killed part-way.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Detector, InvalidArgumentError, LshIndex, loadDetectorFile, MinHasher, saveDetectorFile, saveIndexFile, StorageError } from '../../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function detector(): Promise<Detector> {
  const d = new Detector();
  await d.add({ id: 'a', text: 'The European Union and Japan agreed to deepen defence ties on Friday.' });
  return d;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('file saves', () => {
  it('create new files 0600 (owner only: snapshots hold article text)', async () => {
    const path = join(dir, 'new.nddt');
    const old = process.umask(0o022);
    try {
      await saveDetectorFile(await detector(), path);
      await saveIndexFile(new LshIndex(), join(dir, 'new.ndix'));
    } finally {
      process.umask(old);
    }
    expect(mode(path)).toBe(0o600);
    expect(mode(join(dir, 'new.ndix'))).toBe(0o600);
  });

  it('keep the mode of the file they replace', async () => {
    for (const m of [0o600, 0o640, 0o604]) {
      const path = join(dir, `m${m.toString(8)}.nddt`);
      writeFileSync(path, 'old');
      chmodSync(path, m);
      await saveDetectorFile(await detector(), path);
      expect(mode(path)).toBe(m);
      expect(await (await loadDetectorFile(path)).has('a')).toBe(true);
    }
  });

  it('write through a symlink: the link stays, the file it points to is replaced', async () => {
    mkdirSync(join(dir, 'real'));
    const real = join(dir, 'real', 'snap.nddt');
    writeFileSync(real, 'old');
    chmodSync(real, 0o640);
    const link = join(dir, 'link.nddt');
    symlinkSync(real, link);
    await saveDetectorFile(await detector(), link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(realpathSync(link)).toBe(realpathSync(real));
    expect(mode(real)).toBe(0o640);
    expect(await (await loadDetectorFile(real)).has('a')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.nddt', 'real']); // no temporary file beside the link
  });

  it('refuse a symlink to a missing file, a directory, a fifo and a device with InvalidArgumentError, touching nothing', async () => {
    const d = await detector();
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling'));
    await expect(saveDetectorFile(d, join(dir, 'dangling'))).rejects.toThrow(/symbolic link to a missing file/);
    mkdirSync(join(dir, 'sub'));
    await expect(saveDetectorFile(d, join(dir, 'sub'))).rejects.toThrow(/is a directory, not a regular file/);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(saveDetectorFile(d, fifo)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    await expect(saveIndexFile(new LshIndex(), '/dev/null')).rejects.toThrow(/is a character device, not a regular file/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    symlinkSync('/dev/null', join(dir, 'to-device'));
    await expect(saveDetectorFile(d, join(dir, 'to-device'))).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('remove temporary files of a save killed part-way, on the next save of that path', async () => {
    const path = join(dir, 'snap.nddt');
    // A pid that is surely gone: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = join(dir, `.snap.nddt.${dead}.1700000000000.0.tmp`);
    writeFileSync(stale, 'x'.repeat(1000));
    const live = join(dir, `.snap.nddt.${process.ppid}.1700000000000.0.tmp`); // a running process may still be saving
    writeFileSync(live, 'y');
    const other = join(dir, `.other.nddt.${dead}.1700000000000.0.tmp`);
    writeFileSync(other, 'z');
    await saveDetectorFile(await detector(), path);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });

  it('report an unwritable directory as a StorageError', async () => {
    await expect(saveIndexFile(new LshIndex(), join(dir, 'no', 'such', 'dir.ndix'))).rejects.toBeInstanceOf(StorageError);
    const index = new LshIndex();
    await index.insert('x', new MinHasher().sign('some text here'));
    await saveIndexFile(index, join(dir, 'ok.ndix'));
    expect(mode(join(dir, 'ok.ndix'))).toBe(0o600);
  });
});
