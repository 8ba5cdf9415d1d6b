// A separate app process for tests/integration/credential-watch.test.ts, run with
//   tsx --conditions=react-server tests/integration/watch-check-worker.ts <credentialId>
// (the app's variables in its environment). Runs one scheduled check of the credential, as the
// watch loop does; the test kills it with SIGKILL while ClickUp is still answering.
import { checkCredential } from "@/lib/credential-watch/check-credential";

checkCredential(process.argv[2], "schedule")
  .then((result) => process.stdout.write(JSON.stringify(result)))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
