// Checks Roomcast's LiveKit tokens with LiveKit's own server SDK (livekit-server-sdk, pinned in package-lock.json).
// Run through scripts/livekit-verify.sh, which installs what this needs. The key pair comes from the environment
// (LIVEKIT_API_KEY, LIVEKIT_API_SECRET), never from the command line.
//
//   verify <jwt>               TokenVerifier.verify: prints the claims as JSON; exit 1 when the SDK rejects the token
//   sign-webhook <body-file>   prints the Authorization header LiveKit's WebhookReceiver expects for that body
//                              (an AccessToken whose sha256 claim is the base64 SHA-256 of the body), after checking it
//                              with WebhookReceiver.receive
//   egress-request <args-file> prints what EgressClient sends for a start (JSON: {path, body, video}), caught by a
//                              server of its own on 127.0.0.1. The file is JSON: {method: "startRoomCompositeEgress" |
//                              "startTrackCompositeEgress", room, videoTrackId?, audioTrackId?, segments: the fields of
//                              a SegmentedFileOutput (camelCase) with s3: the fields of an S3Upload}
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import {
  AccessToken, EgressClient, S3Upload, SegmentedFileOutput, SegmentedFileProtocol, TokenVerifier, WebhookReceiver,
} from 'livekit-server-sdk';

const [mode, arg] = process.argv.slice(2);
const apiKey = process.env.LIVEKIT_API_KEY;
const apiSecret = process.env.LIVEKIT_API_SECRET;

function usage(message) {
  console.error(`verify-token: ${message}`);
  console.error('usage: verify-token.mjs verify <jwt> | sign-webhook <body-file> | egress-request <args-file>  (LIVEKIT_API_KEY, LIVEKIT_API_SECRET set)');
  process.exit(2);
}

if (!apiKey || !apiSecret) usage('LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set');
if (!arg) usage('missing argument');

async function captureEgressRequest(args) {
  const caught = new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ egressId: 'EG_sdk', roomName: args.room }));
        server.close();
        resolve({ path: request.url, body, authorization: request.headers.authorization ?? '' });
      });
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const client = new EgressClient(`http://127.0.0.1:${server.address().port}`, apiKey, apiSecret);
      const { s3, ...fields } = args.segments;
      const segments = new SegmentedFileOutput({
        ...fields,
        protocol: SegmentedFileProtocol.HLS_PROTOCOL,
        output: s3 ? { case: 's3', value: new S3Upload(s3) } : { case: undefined },
      });
      const call = args.method === 'startTrackCompositeEgress'
        ? client.startTrackCompositeEgress(args.room, { segments }, { videoTrackId: args.videoTrackId, audioTrackId: args.audioTrackId })
        : client.startRoomCompositeEgress(args.room, { segments });
      call.catch(reject);
    });
  });
  const { path, body, authorization } = await caught;
  const claims = await new TokenVerifier(apiKey, apiSecret).verify(authorization.replace(/^Bearer /, ''));
  return { path, body: JSON.parse(body), video: claims.video };
}

if (mode === 'verify') {
  try {
    const claims = await new TokenVerifier(apiKey, apiSecret).verify(arg);
    process.stdout.write(JSON.stringify(claims) + '\n');
  } catch (e) {
    console.error(`verify-token: rejected: ${e?.code ?? ''} ${e?.message ?? e}`);
    process.exit(1);
  }
} else if (mode === 'sign-webhook') {
  const body = readFileSync(arg, 'utf8');
  const token = new AccessToken(apiKey, apiSecret, { ttl: '5m' });
  token.sha256 = createHash('sha256').update(body, 'utf8').digest('base64');
  const jwt = await token.toJwt();
  // The body must also be a WebhookEvent for receive() to parse it; a failure here says which part is wrong.
  await new WebhookReceiver(apiKey, apiSecret).receive(body, jwt);
  process.stdout.write(jwt + '\n');
} else if (mode === 'egress-request') {
  const captured = await captureEgressRequest(JSON.parse(readFileSync(arg, 'utf8')));
  process.stdout.write(JSON.stringify(captured) + '\n');
} else {
  usage(`unknown mode '${mode}'`);
}
