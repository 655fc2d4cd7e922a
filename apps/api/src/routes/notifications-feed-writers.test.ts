import { addNotification } from '@wallet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationWorld, notificationWorld } from '../testing/notification-world.js';

let world: NotificationWorld;

beforeAll(async () => {
  world = await notificationWorld();
});
afterAll(() => world.stop());

describe('addNotification', () => {
  const count = async (customerId: string) =>
    (
      await world.handle.db
        .selectFrom('notifications')
        .select('id')
        .where('customer_id', '=', customerId)
        .execute()
    ).length;

  it("writes within the caller's transaction: gone on rollback, there on commit", async () => {
    const customerId = await world.mine.customer();
    const input = {
      tenantId: world.mine.id,
      customerId,
      messageType: 'wallet_verified',
      type: 'SUCCESS',
    } as const;
    await expect(
      world.handle.db.transaction().execute(async (trx) => {
        await addNotification({ trx }, input);
        expect(
          await trx.selectFrom('notifications').select('id').where('customer_id', '=', customerId).execute(),
        ).toHaveLength(1);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await count(customerId)).toBe(0);
    const row = await world.handle.db.transaction().execute((trx) => addNotification({ trx }, input));
    expect(row).toMatchObject({ customer_id: customerId, state: 'UNSEEN', link: null });
    expect(await count(customerId)).toBe(1);
  });

  it("refuses a customer of another tenant (the feed's foreign key is customer and tenant)", async () => {
    const customerId = await world.mine.customer();
    await expect(
      world.handle.db
        .transaction()
        .execute((trx) =>
          addNotification(
            { trx },
            { tenantId: world.theirs.id, customerId, messageType: 'wallet_verified', type: 'SUCCESS' },
          ),
        ),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('is called by screening: a black-list hit writes wallet_aml_screening_not_successful, ERROR', async () => {
    const { call } = world.mine;
    expect(
      (await call('POST', '/v2/black-list-entries', { subject: 'COMPANY', name: 'Initech Shell Holdings' }))
        .status,
    ).toBe(201);
    const created = await call('POST', '/v2/customer-persons', {
      externalId: 'bl-hit',
      email: 'a@b.co',
      registrationIp: '198.51.100.9',
    });
    const patched = await call('PATCH', '/accounts/bl-hit', {
      billingAddress: {
        addressLine1: 'Main Street',
        city: 'Berlin',
        countryCode: 'DEU',
        postalCode: '10115',
      },
      businessConsumer: { companyName: 'Initech Shell Holdings', companyRegistrationCountry: 'DE' },
    });
    expect(patched.body.providerResponse.complianceData[0].trafficLight).toBe('RED');
    const feed = await call('GET', world.mine.feed(created.body.id, '?filter=state:UNSEEN,type:ERROR'));
    expect(feed.body.map((n: { messageType: string }) => n.messageType)).toEqual([
      'wallet_aml_screening_not_successful',
    ]);
  });
});
