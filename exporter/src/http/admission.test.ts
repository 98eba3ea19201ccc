import { WriteGate } from './admission';

describe('WriteGate', () => {
  it('runs up to maxActive at once, queues up to maxWaiting, refuses the rest with 503', async () => {
    const gate = new WriteGate(1, 1, 2);
    let release!: () => void;
    const first = gate.run(() => new Promise<string>((r) => (release = () => r('a'))));
    const second = gate.run(async () => 'b');
    await expect(gate.run(async () => 'c')).rejects.toMatchObject({
      statusCode: 503,
      headers: { 'retry-after': '2' },
    });
    expect(gate.inFlight).toBe(2);
    release();
    await expect(first).resolves.toBe('a');
    await expect(second).resolves.toBe('b');
    await gate.drain();
    expect(gate.inFlight).toBe(0);
  });

  it('frees its slot when the work fails', async () => {
    const gate = new WriteGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(gate.run(async () => 1)).resolves.toBe(1);
  });
});
