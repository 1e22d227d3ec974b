// Checks Roomcast's LiveKit tokens with LiveKit's own server SDK (livekit-server-sdk, pinned in package-lock.json).
// Run through scripts/livekit-verify.sh, which installs what this needs. The key pair comes from the environment
// (LIVEKIT_API_KEY, LIVEKIT_API_SECRET), never from the command line.
//
//   verify <jwt>               TokenVerifier.verify: prints the claims as JSON; exit 1 when the SDK rejects the token
//   sign-webhook <body-file>   prints the Authorization header LiveKit's WebhookReceiver expects for that body
//                              (an AccessToken whose sha256 claim is the base64 SHA-256 of the body), after checking it
//                              with WebhookReceiver.receive
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AccessToken, TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';

const [mode, arg] = process.argv.slice(2);
const apiKey = process.env.LIVEKIT_API_KEY;
const apiSecret = process.env.LIVEKIT_API_SECRET;

function usage(message) {
  console.error(`verify-token: ${message}`);
  console.error('usage: verify-token.mjs verify <jwt> | sign-webhook <body-file>  (LIVEKIT_API_KEY, LIVEKIT_API_SECRET set)');
  process.exit(2);
}

if (!apiKey || !apiSecret) usage('LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set');
if (!arg) usage('missing argument');

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
} else {
  usage(`unknown mode '${mode}'`);
}
