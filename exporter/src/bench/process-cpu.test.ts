import { spawn } from 'node:child_process';
import { cpuSeconds, parentPid, treeCpuSeconds } from './process-cpu';

const linux = process.platform === 'linux';

(linux ? describe : describe.skip)('process CPU from /proc', () => {
  it('counts the CPU a busy child burns, in its parent tree too', async () => {
    const child = spawn(process.execPath, ['-e', 'while (process.cpuUsage().user < 500000);']);
    const before = treeCpuSeconds(process.pid)!;
    await new Promise((r) => child.once('exit', r));
    const after = treeCpuSeconds(process.pid)!;
    expect(after - before).toBeGreaterThan(0.3);
    expect(parentPid(process.pid)).toBeGreaterThan(0);
    expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(cpuSeconds(2 ** 30)).toBeUndefined();
  });
});
