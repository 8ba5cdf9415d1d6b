// For scripts/bench/profile-server.ts, loaded into the server with NODE_OPTIONS=--import: the
// first SIGUSR2 starts V8's sampling profiler, the next writes a .cpuprofile to $PROF_OUT (open it
// in Chrome DevTools > Performance, or summarise it with a script) and stops.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

let session;
process.on("SIGUSR2", () => {
  if (!session) {
    session = new inspector.Session();
    session.connect();
    session.post("Profiler.enable", () =>
      session.post("Profiler.setSamplingInterval", { interval: 250 }, () => session.post("Profiler.start", () => {})),
    );
    return;
  }
  const finished = session;
  session = undefined;
  finished.post("Profiler.stop", (error, result) => {
    if (!error) {
      const file = path.join(process.env.PROF_OUT || ".", `next-server-${process.pid}-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(result.profile));
      console.log(`[profile] wrote ${file}`);
    }
    finished.disconnect();
  });
});
