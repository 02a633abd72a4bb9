import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '@/db/client';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-lock-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('embedded database folder lock', () => {
  it('refuses a second process while the first holds the folder, naming its pid', async () => {
    const dir = path.join(root, 'held');
    fs.mkdirSync(dir, { recursive: true });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(root, 'held.lock'), String(holder.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that no longer exists, and releases it', () => {
    const dir = path.join(root, 'stale');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(root, 'stale.lock'), '2147483646');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(root, 'stale.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(root, 'stale.lock'))).toBe(false);
  });

  it('never exposes an empty lock file (the pid is in place when the file appears)', () => {
    const dir = path.join(root, 'atomic');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(root, 'atomic.lock'), 'utf8')).toBe(String(process.pid));
    expect(fs.readdirSync(root).filter((name) => name.startsWith('atomic.lock.'))).toEqual([]);
    release();
  });
});
