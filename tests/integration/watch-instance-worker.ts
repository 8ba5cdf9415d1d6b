// A separate app instance for tests/integration/watch-instances.test.ts, run with
//   tsx --conditions=react-server tests/integration/watch-instance-worker.ts <runForMs>
// (the app's variables in its environment). Runs the watch loop as an instance's first worker
// does (instrumentation.ts), for runForMs, then stops it and exits.
import { startCredentialWatch } from "@/lib/credential-watch/watch-loop";
import { getDb } from "@/lib/db/client";

async function main() {
  const watch = startCredentialWatch(() => {});
  await new Promise((resolve) => setTimeout(resolve, Number(process.argv[2])));
  watch.stop();
  await getDb().$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
