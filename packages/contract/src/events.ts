import { ACCOUNT_UPDATE, EVENT_SUBJECT_TYPES, EVENT_TYPES } from '@wallet/domain';
import { z } from 'zod';

const dateTime = () => z.string().meta({ format: 'date-time', description: 'RFC 3339, UTC' });

export const Event = z
  .object({
    eventId: z.string().meta({ pattern: '^EVT\\d{1,19}$', example: 'EVT1358242' }),
    eventName: z
      .enum(EVENT_TYPES)
      .meta({ description: 'The event type (a subscription’s `eventTypes` name it)' }),
    subject: z
      .object({
        type: z.enum(EVENT_SUBJECT_TYPES),
        id: z.string().meta({ description: 'An account id, or a subscription id' }),
      })
      .meta({ description: 'What the event is about' }),
    orderingKey: z.string().meta({
      description:
        'Events of one key reach each subscription in the order they were recorded: the account for Account.UPDATE, the subscription for WebhookSubscription.*',
    }),
    payload: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The `payload` member of the callback body, exactly as subscribers receive it' }),
    createdAt: dateTime(),
  })
  .meta({
    id: 'Event',
    example: {
      eventId: 'EVT1358242',
      eventName: ACCOUNT_UPDATE,
      subject: { type: 'Account', id: '1356001' },
      orderingKey: '1356001',
      payload: {
        id: '1356001',
        name: 'General Account',
        number: '200851030137182',
        createdDate: '2023-11-06T10:09:44.574Z',
        updatedDate: '2023-11-06T10:09:44.574Z',
        balance: 0,
        customerID: '100000000018002',
        customerName: 'Ravi Test18',
        accountType: 'WALLET',
        currency: 'USD',
        currencyCode: '840',
        status: 'DORMANT',
        program: 'PL',
        accountLevel: 'WPS',
      },
      createdAt: '2023-11-06T10:09:44.601Z',
    },
  });

export const EventDelivery = z
  .object({
    deliveryId: z.string(),
    subscriptionId: z.uuid(),
    url: z.string().meta({ format: 'uri' }),
    replay: z.boolean().meta({ description: 'A replay asked for with `.../deliveries/{eventId}/replay`' }),
    status: z.enum(['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED']),
    attemptCount: z.number().int(),
    createdAt: dateTime(),
    finishedAt: dateTime().nullable(),
    lastAttempt: z
      .object({
        attempt: z.number().int(),
        attemptedAt: dateTime(),
        statusCode: z.number().int().nullable().meta({ description: 'null when no answer came (see error)' }),
        error: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'null before the first attempt' }),
  })
  .meta({ id: 'EventDelivery' });

export const EventWithDeliveries = Event.extend({
  deliveries: z
    .array(EventDelivery)
    .meta({ description: 'One per subscription it went to, and any replays' }),
}).meta({
  id: 'EventWithDeliveries',
  example: {
    eventId: 'EVT1358242',
    eventName: ACCOUNT_UPDATE,
    subject: { type: 'Account', id: '1356001' },
    orderingKey: '1356001',
    payload: { id: '1356001', status: 'DORMANT' },
    createdAt: '2023-11-06T10:09:44.601Z',
    deliveries: [
      {
        deliveryId: '4102',
        subscriptionId: '3f1c2b9e-7d4a-4e8b-9a51-2c6d0e8f4b17',
        url: 'https://hooks.example.com/wallet',
        replay: false,
        status: 'DELIVERED',
        attemptCount: 2,
        createdAt: '2023-11-06T10:09:44.650Z',
        finishedAt: '2023-11-06T10:09:50.012Z',
        lastAttempt: { attempt: 2, attemptedAt: '2023-11-06T10:09:49.980Z', statusCode: 200, error: null },
      },
    ],
  },
});
