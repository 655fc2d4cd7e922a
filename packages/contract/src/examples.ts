/**
 * A request and a response example of every operation, by operationId, attached by `operation()`.
 * Captured from the real API (ids, secrets and names replaced by example values); every one is
 * validated against its schema by examples.test.ts.
 */
export const OPERATION_EXAMPLES: Record<string, { request?: unknown; responses?: Record<string, unknown> }> =
  {
    createTenant: {
      request: {
        name: 'acme',
      },
      responses: {
        '201': {
          name: 'acme',
          apiKey: 'wk_EXAMPLEkeyEXAMPLEkeyEXAMPLEkeyEXAMPLEkey00',
        },
      },
    },
    createCustomer: {
      request: {
        externalId: 'partner-ref-3',
        email: 'ada@example.com',
        registrationIp: '198.51.100.1',
      },
      responses: {
        '201': {
          id: '10000001',
          externalId: 'partner-ref-3',
          type: 'PERSON',
          email: 'ada@example.com',
          registrationIp: '198.51.100.1',
          restrictions: [],
          accounts: [],
        },
      },
    },
    createAccount: {
      request: {
        currencyCode: 'EUR',
      },
      responses: {
        '201': {
          id: '1356001',
          customerId: '10000002',
          currencyCode: 'EUR',
          number: '200800000000002',
          status: 'ACTIVE',
          totalBalance: 0,
          availableBalance: 0,
          virtualInstrument: [],
          virtualAccountAssignmentStatus: [],
          creationTime: '2026-12-02T01:05:39.478Z',
          hasVirtualInstrument: false,
          virtualAccountAssignment: false,
        },
      },
    },
    listAccounts: {
      responses: {
        '200': [
          {
            id: '1356001',
            customerId: '10000002',
            currencyCode: 'EUR',
            number: '200800000000002',
            status: 'ACTIVE',
            totalBalance: 0,
            availableBalance: 0,
            virtualInstrument: [],
            virtualAccountAssignmentStatus: [],
            creationTime: '2026-12-02T01:05:39.478Z',
            hasVirtualInstrument: false,
            virtualAccountAssignment: false,
          },
        ],
      },
    },
    placeRestriction: {
      request: {
        name: 'OUTGOING_TRANSACTIONS',
        reason: 'RISK_CONTROLS',
      },
      responses: {
        '201': {
          name: 'OUTGOING_TRANSACTIONS',
          reason: 'RISK_CONTROLS',
          requiredActions: [],
          creationTime: '2026-12-02T01:05:39.487Z',
          id: '993152c9-2cc0-4704-986a-0bec6f5c6dc2',
        },
      },
    },
    notifyCustomerChange: {
      request: {
        changeType: 'PASSWORD_CHANGED',
        changeTime: '2024-07-29T15:51:28Z',
      },
    },
    createWebhookSubscription: {
      request: {
        url: 'https://hooks.example.com/wallet',
        eventTypes: ['Account.UPDATE'],
      },
      responses: {
        '201': {
          id: '7d5e3346-f68c-4736-9b64-20bf042ccbc6',
          url: 'https://hooks.example.com/wallet',
          eventTypes: ['Account.UPDATE'],
          status: 'ACTIVE',
          maxAttempts: 8,
          secret: 'whsec_AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw=',
          createdAt: '2026-12-02T01:05:39.660Z',
          cancelledAt: null,
          cancelReason: null,
        },
      },
    },
    updateWebhookSubscription: {
      request: {
        maxAttempts: 5,
        status: 'ACTIVE',
      },
      responses: {
        '200': {
          id: '7e2b683c-e555-43ec-98e1-90749f68ffd6',
          url: 'https://hooks.example.com/wallet/12',
          eventTypes: ['Account.UPDATE'],
          status: 'ACTIVE',
          maxAttempts: 5,
          createdAt: '2026-12-02T01:05:39.804Z',
          cancelledAt: null,
          cancelReason: null,
        },
      },
    },
    createApiKey: {
      request: {
        label: 'partner-ref-13',
      },
      responses: {
        '201': {
          id: '765f8e27-c49b-485e-be43-30c352318b05',
          prefix: 'wk_NSaCK49a',
          label: 'partner-ref-13',
          createdAt: '2026-12-02T01:05:39.855Z',
          lastUsedAt: null,
          expiresAt: null,
          apiKey: 'wk_EXAMPLEkeyEXAMPLEkeyEXAMPLEkeyEXAMPLEkey00',
        },
      },
    },
    createTenantApiKey: {
      request: {
        label: 'partner-ref-14',
      },
      responses: {
        '201': {
          id: 'b752cc34-3e4d-473c-bd06-a509ff79a31b',
          prefix: 'wk_ut2Mjjsn',
          label: 'partner-ref-14',
          createdAt: '2026-12-02T01:05:39.886Z',
          lastUsedAt: null,
          expiresAt: null,
          apiKey: 'wk_EXAMPLEkeyEXAMPLEkeyEXAMPLEkeyEXAMPLEkey00',
        },
      },
    },
    createBlackListEntry: {
      request: {
        subject: 'PERSON',
        name: 'Black Listed 15',
      },
      responses: {
        '201': {
          id: '18f4236e-60b5-4f26-bd07-101a95ffe23a',
          subject: 'PERSON',
          name: 'Black Listed 15',
          createdAt: '2026-12-02T01:05:39.898Z',
        },
      },
    },
    requestVirtualInstrument: {
      request: {
        instrumentType: 'SEPA_BANK_ACCOUNT',
      },
      responses: {
        '202': {
          id: '1356002',
          customerId: '10000005',
          currencyCode: 'EUR',
          number: '200800000000003',
          status: 'ACTIVE',
          totalBalance: 0,
          availableBalance: 0,
          virtualInstrument: [],
          virtualAccountAssignmentStatus: [
            {
              instrumentType: 'SEPA_BANK_ACCOUNT',
              requestDate: '2026-12-02T01:05:39.951Z',
              status: 'PENDING',
            },
          ],
          creationTime: '2026-12-02T01:05:39.932Z',
          hasVirtualInstrument: false,
          virtualAccountAssignment: false,
        },
      },
    },
    closeAccount: {
      request: {
        reason: 'Customer asked to close it',
      },
      responses: {
        '200': {
          id: '1356003',
          customerId: '10000006',
          currencyCode: 'EUR',
          number: '200800000000004',
          status: 'CLOSED',
          totalBalance: 0,
          availableBalance: 0,
          virtualInstrument: [],
          virtualAccountAssignmentStatus: [],
          creationTime: '2026-12-02T01:05:40.031Z',
          hasVirtualInstrument: false,
          virtualAccountAssignment: false,
        },
      },
    },
    updateCustomer: {
      request: {
        email: 'new@b.co',
        mobile: '+49 30 1234567',
      },
      responses: {
        '200': {
          id: '10000007',
          externalId: 'partner-ref-21',
          type: 'PERSON',
          email: 'new@b.co',
          mobile: '+49 30 1234567',
          registrationIp: '198.51.100.1',
          restrictions: [],
          accounts: [],
        },
      },
    },
    adminLiftRestriction: {
      request: {
        reason: 'Cleared by compliance',
      },
    },
    issuerCallback: {
      request: {
        reference: '1',
        status: 'ACCEPTED',
      },
      responses: {
        '200': {
          status: 'ACCEPTED',
          duplicate: false,
        },
      },
    },
    createNotification: {
      request: {
        messageType: 'user_needs_kyc',
        type: 'INFORMATION',
      },
      responses: {
        '201': [
          {
            createdAt: 1796173540382,
            id: 1,
            messageType: 'user_needs_kyc',
            state: 'UNSEEN',
            type: 'INFORMATION',
            updatedAt: 1796173540382,
            userId: 10000010,
          },
        ],
      },
    },
    updateNotification: {
      request: {
        state: 'SEEN',
      },
      responses: {
        '200': [
          {
            createdAt: 1796173540414,
            id: 2,
            messageType: 'user_needs_kyc',
            state: 'SEEN',
            type: 'INFORMATION',
            updatedAt: 1796173540432,
            userId: 10000011,
          },
        ],
      },
    },
    updateAccount: {
      request: {
        billingAddress: {
          addressLine1: 'Main Street',
          city: 'Berlin',
          countryCode: 'DEU',
        },
        consumer: {
          firstName: 'Ada',
          lastName: 'Lovelace',
        },
      },
      responses: {
        '200': {
          partnerReference: 'PR_10000012_PdhqdLwHpKxxqaqm',
          statusCode: 'ACTIVE',
          accFlowStatusCode: 'APPROVED',
          twoFAStatusCode: '2FADIS',
          isTwoFASetupCodeRequired: false,
          providerResponse: {
            complianceData: [
              {
                archiveId: '4108000025015466',
                trafficLight: 'GREEN',
                manualReview: false,
                details: [],
              },
            ],
          },
          requestDateTime: '2026-12-02T01:05:40.473Z',
          responseCode: '0000',
          responseDescription: 'Successful execution.',
        },
      },
    },
    health: {
      responses: {
        '200': {
          status: 'ok',
        },
      },
    },
    ready: {
      responses: {
        '200': {
          status: 'ready',
        },
      },
    },
    listCustomers: {
      responses: {
        '200': [
          {
            id: '10000000',
            externalId: 'partner-ref-1',
            type: 'PERSON',
            email: 'ada@example.com',
            registrationIp: '198.51.100.1',
            restrictions: [],
            accounts: [
              {
                id: '1356000',
                customerId: '10000000',
                currencyCode: 'USD',
                number: '200800000000001',
                status: 'ACTIVE',
                totalBalance: 0,
                availableBalance: 0,
                virtualInstrument: [],
                virtualAccountAssignmentStatus: [
                  {
                    instrumentType: 'US_BANK_ACCOUNT',
                    requestDate: '2026-12-02T01:05:39.071Z',
                    lastChangeDate: '2026-12-02T01:05:39.326Z',
                    status: 'ACCEPTED',
                    statusReason: 'Accepted by acme-bank',
                  },
                ],
                creationTime: '2026-12-02T01:05:39.071Z',
                hasVirtualInstrument: false,
                virtualAccountAssignment: true,
              },
            ],
          },
        ],
      },
    },
    getCustomer: {
      responses: {
        '200': {
          id: '10000014',
          externalId: 'partner-ref-37',
          type: 'PERSON',
          email: 'ada@example.com',
          registrationIp: '198.51.100.1',
          restrictions: [],
          accounts: [],
        },
      },
    },
    listWebhookSubscriptions: {
      responses: {
        '200': [
          {
            id: '7d5e3346-f68c-4736-9b64-20bf042ccbc6',
            url: 'https://hooks.example.com/wallet',
            eventTypes: ['Account.UPDATE'],
            status: 'ACTIVE',
            maxAttempts: 8,
            createdAt: '2026-12-02T01:05:39.660Z',
            cancelledAt: null,
            cancelReason: null,
          },
        ],
      },
    },
    getWebhookSubscription: {
      responses: {
        '200': {
          id: '94f41515-23d1-4e2b-9695-ba2e1c99f925',
          url: 'https://hooks.example.com/wallet/36',
          eventTypes: ['Account.UPDATE'],
          status: 'ACTIVE',
          maxAttempts: 8,
          createdAt: '2026-12-02T01:05:40.570Z',
          cancelledAt: null,
          cancelReason: null,
        },
      },
    },
    listBlackListEntries: {
      responses: {
        '200': [
          {
            id: '18f4236e-60b5-4f26-bd07-101a95ffe23a',
            subject: 'PERSON',
            name: 'Black Listed 15',
            createdAt: '2026-12-02T01:05:39.898Z',
          },
        ],
      },
    },
    listApiKeys: {
      responses: {
        '200': [
          {
            id: '2db14e13-4f5d-4cd1-909d-da1e65ea16fb',
            prefix: 'wk_nbJFIpif',
            label: 'initial',
            createdAt: '2026-12-02T01:05:38.690Z',
            lastUsedAt: '2026-12-02T01:05:38.967Z',
            expiresAt: null,
          },
          {
            id: '765f8e27-c49b-485e-be43-30c352318b05',
            prefix: 'wk_NSaCK49a',
            label: 'partner-ref-13',
            createdAt: '2026-12-02T01:05:39.855Z',
            lastUsedAt: null,
            expiresAt: null,
          },
          {
            id: 'b752cc34-3e4d-473c-bd06-a509ff79a31b',
            prefix: 'wk_ut2Mjjsn',
            label: 'partner-ref-14',
            createdAt: '2026-12-02T01:05:39.886Z',
            lastUsedAt: null,
            expiresAt: null,
          },
        ],
      },
    },
    getScreening: {
      responses: {
        '200': {
          archiveId: '4108000025015468',
          customerId: '10000015',
          createdAt: '2026-12-02T01:05:40.624Z',
          trafficLight: 'GREEN',
          hitType: null,
          manualReview: false,
          query: [
            {
              kind: 'person',
              name: 'Ada Lovelace',
            },
          ],
          details: [],
          matches: [],
          listVersion: 'SL:12:1bf152834a39;BL:1:1',
          review: null,
        },
      },
    },
    listTenants: {
      responses: {
        '200': [
          {
            id: '17d5108c-bda0-432b-97d7-ba5bca9b8852',
            name: 'acme',
            createdAt: '2026-12-02T01:05:39.353Z',
          },
        ],
      },
    },
    listTenantApiKeys: {
      responses: {
        '200': [
          {
            id: '2db14e13-4f5d-4cd1-909d-da1e65ea16fb',
            prefix: 'wk_nbJFIpif',
            label: 'initial',
            createdAt: '2026-12-02T01:05:38.690Z',
            lastUsedAt: '2026-12-02T01:05:38.967Z',
            expiresAt: null,
          },
          {
            id: '765f8e27-c49b-485e-be43-30c352318b05',
            prefix: 'wk_NSaCK49a',
            label: 'partner-ref-13',
            createdAt: '2026-12-02T01:05:39.855Z',
            lastUsedAt: null,
            expiresAt: null,
          },
          {
            id: 'b752cc34-3e4d-473c-bd06-a509ff79a31b',
            prefix: 'wk_ut2Mjjsn',
            label: 'partner-ref-14',
            createdAt: '2026-12-02T01:05:39.886Z',
            lastUsedAt: null,
            expiresAt: null,
          },
        ],
      },
    },
    testWebhookSubscription: {
      responses: {
        '200': {
          eventId: 'EVT0379985572223732320',
          delivered: false,
          attemptedAt: '2026-12-02T01:05:41.087Z',
          durationMs: 7,
          statusCode: null,
          error: 'connect ECONNREFUSED 203.0.113.10:443',
          responseBody: null,
        },
      },
    },
    reactivateWebhookSubscription: {
      responses: {
        '200': {
          id: '94f41515-23d1-4e2b-9695-ba2e1c99f925',
          url: 'https://hooks.example.com/wallet/36',
          eventTypes: ['Account.UPDATE'],
          status: 'ACTIVE',
          maxAttempts: 8,
          createdAt: '2026-12-02T01:05:40.570Z',
          cancelledAt: null,
          cancelReason: null,
        },
      },
    },
    decideScreening: {
      request: {
        outcome: 'FALSE_POSITIVE',
        reason: 'Different date of birth',
      },
      responses: {
        '200': {
          archiveId: '4108000025015468',
          customerId: '10000015',
          createdAt: '2026-12-02T01:05:40.624Z',
          trafficLight: 'YELLOW',
          hitType: 'SL',
          manualReview: true,
          query: [
            {
              kind: 'person',
              name: 'Ada Lovelace',
            },
          ],
          details: [
            {
              name: 'Ada Lovelace',
            },
          ],
          matches: [],
          listVersion: 'SL:12:1bf152834a39;BL:1:1',
          review: {
            outcome: 'FALSE_POSITIVE',
            reason: 'Different date of birth',
            reviewedBy: 'PARTNER:acme',
            reviewedAt: '2026-12-02T01:09:12.000Z',
          },
          restrictionPlaced: false,
          liftedRestrictions: ['3f0c1a52-7d1e-4c7b-9a59-2f1f0f6f5a10'],
        },
      },
    },
    listWebhookDeliveries: {
      responses: {
        '200': [
          {
            id: '1356201',
            eventId: 'EVT1358242',
            eventName: 'Account.UPDATE',
            accountId: '1356004',
            replay: false,
            status: 'DELIVERED',
            createdAt: '2026-12-02T01:05:41.000Z',
            nextAttemptAt: null,
            finishedAt: '2026-12-02T01:05:47.120Z',
            attempts: [
              {
                attempt: 1,
                attemptedAt: '2026-12-02T01:05:41.020Z',
                durationMs: 10004,
                statusCode: null,
                error: 'timeout after 10000 ms',
                responseBody: null,
              },
              {
                attempt: 2,
                attemptedAt: '2026-12-02T01:05:47.100Z',
                durationMs: 20,
                statusCode: 200,
                error: null,
                responseBody: 'ok',
              },
            ],
          },
        ],
      },
    },
    listEvents: {
      responses: {
        '200': [
          {
            eventId: 'EVT1358242',
            eventName: 'Account.UPDATE',
            subject: { type: 'Account', id: '1356001' },
            orderingKey: '1356001',
            payload: {
              id: '1356001',
              name: 'General Account',
              number: '200851030137182',
              createdDate: '2026-12-02T01:05:39.478Z',
              updatedDate: '2026-12-02T01:05:40.112Z',
              balance: 0,
              customerID: '10000002',
              customerName: 'Ada Lovelace',
              accountType: 'WALLET',
              currency: 'EUR',
              currencyCode: '978',
              status: 'DORMANT',
              program: 'PL',
              accountLevel: 'WPS',
            },
            createdAt: '2026-12-02T01:05:40.120Z',
          },
        ],
      },
    },
    getEvent: {
      responses: {
        '200': {
          eventId: 'EVT1358242',
          eventName: 'Account.UPDATE',
          subject: { type: 'Account', id: '1356001' },
          orderingKey: '1356001',
          payload: { id: '1356001', status: 'DORMANT' },
          createdAt: '2026-12-02T01:05:40.120Z',
          deliveries: [
            {
              deliveryId: '4102',
              subscriptionId: '3f1c2b9e-7d4a-4e8b-9a51-2c6d0e8f4b17',
              url: 'https://hooks.example.com/wallet',
              replay: false,
              status: 'DELIVERED',
              attemptCount: 2,
              createdAt: '2026-12-02T01:05:40.150Z',
              finishedAt: '2026-12-02T01:05:46.012Z',
              lastAttempt: {
                attempt: 2,
                attemptedAt: '2026-12-02T01:05:45.980Z',
                statusCode: 200,
                error: null,
              },
            },
          ],
        },
      },
    },
    recoverWebhookDeliveries: {
      request: { since: '2026-12-01T00:00:00Z' },
      responses: {
        '202': { queued: 2, hasMore: false, eventIds: ['EVT1358250', 'EVT1358251'] },
      },
    },
    replayWebhookDelivery: {
      responses: {
        '202': {
          id: '1356230',
          eventId: 'EVT1358242',
          eventName: 'Account.UPDATE',
          accountId: '1356004',
          replay: true,
          status: 'PENDING',
          createdAt: '2026-12-02T01:20:00.000Z',
          nextAttemptAt: '2026-12-02T01:20:00.000Z',
          finishedAt: null,
          attempts: [],
        },
      },
    },
    listNotifications: {
      responses: {
        '200': [
          {
            createdAt: 1796173540382,
            id: 1,
            messageType: 'user_needs_kyc',
            state: 'UNSEEN',
            type: 'INFORMATION',
            updatedAt: 1796173540382,
            userId: 10000010,
          },
        ],
      },
    },
    openApiDocument: {
      responses: {
        '200': {
          openapi: '3.1.0',
          info: {
            title: 'Wallet risk platform API',
            version: '0.1.0',
          },
          paths: {},
        },
      },
    },
    docsPage: {
      responses: {
        '200':
          '<!doctype html><html><head><title>Wallet risk platform API</title></head><body><script src="/docs/scalar.js"></script></body></html>',
      },
    },
    docsScript: { responses: { '200': '/* Scalar API reference */' } },
    metrics: {
      responses: {
        '200':
          '# HELP wallet_http_requests_total HTTP requests\n# TYPE wallet_http_requests_total counter\nwallet_http_requests_total{app="api",method="GET",route="/healthz",status="200"} 3\n',
      },
    },
  };
