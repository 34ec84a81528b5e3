// Loaded into each server under `npm run bench:server` (node --import). It measures from inside the
// server what the load generator cannot see: how long the event loop was blocked, and where the CPU
// time went. The benchmark drives it over the IPC channel it spawns the server with:
//   { type: 'start', profile?: <path> }  resets the event-loop delay histogram and, with a path,
//                                        starts the CPU profiler
//   { type: 'stop' }                     answers { eventLoopDelay: { p50, p99, max } } in ms and
//                                        writes the CPU profile, if one was started
// The channel is unref'd, so the probe never keeps a server alive that would otherwise exit.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send !== undefined) {
  // 1 ms resolution: finer sampling would itself cost the loop time it measures.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((ok, fail) => session.post(method, params, (error, result) => (error ? fail(error) : ok(result))));
  let profilePath;

  process.on('message', async (message) => {
    if (message?.type === 'start') {
      delay.reset();
      profilePath = message.profile;
      if (profilePath !== undefined) {
        await post('Profiler.enable');
        await post('Profiler.start');
      }
      process.send({ type: 'started' });
    } else if (message?.type === 'stop') {
      const ms = (ns) => ns / 1e6;
      const eventLoopDelay = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
      if (profilePath !== undefined) {
        const { profile } = await post('Profiler.stop');
        writeFileSync(profilePath, JSON.stringify(profile));
        profilePath = undefined;
      }
      process.send({ type: 'stopped', eventLoopDelay });
    }
  });
  process.channel?.unref();
}
