// A local webhook receiver for the README walkthrough: checks every Account.UPDATE delivery with
// verifyAccountUpdate and answers 200 when it holds (400 otherwise).
//   WEBHOOK_SECRET=whsec_... node packages/webhooks/examples/receiver.mjs [port] [--once]
// With --once it exits after the first verified delivery: 0, or 1 if a delivery failed verification.
import { createServer } from 'node:http';
import { verifyAccountUpdate, WebhookVerificationError } from '@wallet/webhooks';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  process.stderr.write('set WEBHOOK_SECRET to the secret the subscription was created with\n');
  process.exit(2);
}
const port = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 4040);
const once = process.argv.includes('--once');

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body = verifyAccountUpdate(secret, Buffer.concat(chunks), req.headers);
      res.writeHead(200).end();
      process.stdout.write(
        `verified ${body.eventName} ${body.eventId}: account ${body.payload.id} is ${body.payload.status}\n`,
      );
      if (once) server.close(() => process.exit(0));
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      res.writeHead(400).end(err.message);
      process.stderr.write(`refused a delivery: ${err.message}\n`);
      if (once) server.close(() => process.exit(1));
    }
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`receiver on http://127.0.0.1:${port}/hooks\n`));
