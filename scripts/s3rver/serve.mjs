// Starts s3rver (an S3-compatible server, pinned in package-lock.json) on the loopback for the tests of Roomcast's S3
// recording storage. Run through scripts/s3rver.sh, which installs what this needs.
//
//   serve.mjs <directory> <bucket>...
//
// Listens on 127.0.0.1 on a free port, with the buckets created empty under <directory>, and prints one line to stdout:
// `s3rver listening http://127.0.0.1:<port>`. s3rver accepts the access key S3RVER with the secret S3RVER.
// Stops when its standard input closes (the test that started it went away) or on SIGTERM/SIGINT.
import S3rver from 's3rver';

const [directory, ...buckets] = process.argv.slice(2);
if (!directory || buckets.length === 0) {
  console.error('usage: serve.mjs <directory> <bucket>...');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  // Path-style addressing only: no virtual hosts under a made-up service domain.
  vhostBuckets: false,
  configureBuckets: buckets.map(name => ({ name })),
});

const { port } = await server.run();
process.stdout.write(`s3rver listening http://127.0.0.1:${port}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
