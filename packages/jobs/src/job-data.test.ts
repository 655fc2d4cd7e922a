import { describe, expect, it } from 'vitest';
import { JOB_DATA, parseJobData } from './job-data.js';
import { QUEUE_DEFINITIONS, QUEUES } from './queues.js';

describe('the job data registry', () => {
  it('has a schema for every queue a worker consumes, and none for a dead-letter queue', () => {
    const workQueues = Object.values(QUEUES).filter((q) => !q.endsWith('-dead'));
    expect(Object.keys(JOB_DATA).sort()).toEqual(workQueues.sort());
    // Every queue with a schema has its options, and dead-letters to a queue that exists; a scheduled
    // run has none (the next schedule takes over from a run that failed).
    const scheduled: string[] = [QUEUES.webhookRetention];
    for (const queue of Object.keys(JOB_DATA) as (keyof typeof JOB_DATA)[]) {
      if (scheduled.includes(queue)) expect(QUEUE_DEFINITIONS[queue].deadLetter).toBeUndefined();
      else expect(QUEUE_DEFINITIONS[queue].deadLetter).toBe(`${queue}-dead`);
    }
  });

  it('accepts the data producers send', () => {
    const notificationId = '0b8e7a1e-7d3c-4a59-9d8e-2f4a3c1b5e6d';
    expect(parseJobData(QUEUES.changeNotification, { notificationId, requestId: 'req-1' })).toEqual({
      success: true,
      data: { notificationId, requestId: 'req-1' },
    });
    expect(parseJobData(QUEUES.webhookFanout, { eventId: 'EVT42' }).success).toBe(true);
    expect(parseJobData(QUEUES.instrumentRequest, { assignmentId: '17' }).success).toBe(true);
    expect(parseJobData(QUEUES.webhookRetention, {}).success).toBe(true);
    expect(parseJobData(QUEUES.webhookRetention, { days: 1 }).success).toBe(false);
    expect(
      parseJobData(QUEUES.restrictionExpiry, {
        restrictionId: notificationId,
        tenantId: notificationId,
        customerId: '10000001',
      }).success,
    ).toBe(true);
  });

  it('rejects bad data, naming each offending field', () => {
    const bad = parseJobData(QUEUES.changeNotification, { notificationId: 'not-a-uuid', extra: 1 });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(bad.reason).toMatch(/^invalid job data: /);
    expect(bad.reason).toContain('notificationId');
    expect(bad.reason).toContain('extra');
  });

  it('rejects data that is no object at all, and the fan-out job without its event', () => {
    const none = parseJobData(QUEUES.restrictionExpiry, null);
    expect(none).toMatchObject({ success: false, reason: expect.stringContaining('(data)') });
    const fanout = parseJobData(QUEUES.webhookFanout, { requestId: 'r' });
    expect(fanout).toMatchObject({ success: false, reason: expect.stringContaining('eventId') });
    const assignment = parseJobData(QUEUES.instrumentRequest, { assignmentId: 17 });
    expect(assignment).toMatchObject({ success: false, reason: expect.stringContaining('assignmentId') });
  });
});
