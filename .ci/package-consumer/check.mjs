// Runs in a scratch npm project OUTSIDE the workspace, against the packed tarballs installed with npm:
// drives the running API with @wallet/client and verifies a real delivery from the running dispatcher
// with @wallet/webhooks. Usage: node check.mjs <apiUrl> <adminToken>
import { createServer } from 'node:http';
import { createWalletClient } from '@wallet/client';
import { accountStatusFor } from '@wallet/domain';
import { ApiError, renderV2 } from '@wallet/errors';
import { createCustomerBody, toFieldErrors } from '@wallet/validation';
import { verifyAccountUpdate, WebhookVerificationError } from '@wallet/webhooks';

const [apiUrl, adminToken] = process.argv.slice(2);
const fail = (why) => {
  process.stderr.write(`package check FAILED: ${why}\n`);
  process.exit(1);
};
const step = (line) => process.stdout.write(`[packages] ${line}\n`);

// The libraries work on their own, outside the workspace.
if (accountStatusFor(['ALL_TRANSACTIONS']) !== 'BLOCKED') fail('@wallet/domain accountStatusFor');
if (renderV2(ApiError.validation([])).error === undefined) fail('@wallet/errors renderV2');
const bad = createCustomerBody.safeParse({ externalId: 'x', email: 'nope' });
if (bad.success || toFieldErrors(bad.error).length === 0) fail('@wallet/validation');

// A subscriber: keeps each delivery exactly as received.
const deliveries = [];
let delivered;
const arrived = new Promise((resolve) => {
  delivered = resolve;
});
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    deliveries.push({ body: Buffer.concat(chunks), headers: req.headers });
    res.writeHead(200).end();
    delivered();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/hooks`;

const admin = createWalletClient({ baseUrl: apiUrl, apiKey: adminToken });
const tenant = await admin.POST('/admin/tenants', { body: { name: `pkg-${Date.now()}` } });
if (tenant.response.status !== 201) fail(`POST /admin/tenants: ${tenant.response.status}`);
const wallet = createWalletClient({ baseUrl: apiUrl, apiKey: tenant.data.apiKey });
step(`tenant ${tenant.data.name}`);

const subscription = await wallet.POST('/v2/webhook-subscriptions', {
  body: { url: receiverUrl, eventTypes: ['Account.UPDATE'] },
});
if (subscription.response.status !== 201) fail(`subscription: ${JSON.stringify(subscription.error)}`);
const customer = await wallet.POST('/v2/customer-persons', {
  body: { externalId: 'pkg-1', email: 'ada@example.com', registrationIp: '198.51.100.4' },
});
if (customer.response.status !== 201) fail(`customer: ${JSON.stringify(customer.error)}`);
const customerId = customer.data.id;
const account = await wallet.POST('/v2/customer-persons/{customerId}/accounts', {
  params: { path: { customerId } },
  body: { currencyCode: 'EUR' },
});
if (account.response.status !== 201) fail(`account: ${JSON.stringify(account.error)}`);
step(`customer ${customerId}, account ${account.data.id}, subscription ${subscription.data.id}`);

// A password change: the compliance worker restricts the customer, the dispatcher signs and sends.
const notified = await wallet.POST('/v2/customer-persons/{customerId}/change-notifications', {
  params: { path: { customerId } },
  body: { changeType: 'PASSWORD_CHANGED', changeTime: new Date(Date.now() - 1000).toISOString() },
});
if (notified.response.status >= 300) fail(`change notification: ${notified.response.status}`);

const timeout = setTimeout(() => fail('no delivery within 60 s'), 60_000);
await arrived;
clearTimeout(timeout);
const [first] = deliveries;
const verified = verifyAccountUpdate(subscription.data.secret, first.body, first.headers);
step(`verified delivery ${verified.eventId}: account ${verified.payload.id} ${verified.payload.status}`);

// The verifier must also refuse: a body changed by one byte, and another secret.
const tampered = Buffer.from(first.body.toString().replace('"PL"', '"XX"'));
for (const [what, secret, body] of [
  ['tampered body', subscription.data.secret, tampered],
  ['wrong secret', `whsec_${Buffer.alloc(32, 7).toString('base64')}`, first.body],
]) {
  try {
    verifyAccountUpdate(secret, body, first.headers);
    fail(`${what} was accepted`);
  } catch (err) {
    if (!(err instanceof WebhookVerificationError)) throw err;
  }
}
step('a tampered body and a wrong secret are refused');
receiver.close();
