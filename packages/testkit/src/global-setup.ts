import { createDb, migrateToLatest } from '@wallet/db';
import { createBoss, ensureQueues } from '@wallet/jobs';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import { startTestServer } from './server.js';
import './provided.js';

interface Shared {
  adminUrl: string;
  template: string;
  stop(): Promise<void>;
}

// One server and one template per vitest run, however many projects use this setup.
let shared: Promise<Shared> | undefined;
let users = 0;

async function prepare(): Promise<Shared> {
  const server = await startTestServer(process.env.DATABASE_URL);
  const template = uniqueDatabaseName('wallet_template');
  const url = await createDatabase(server.adminUrl, template);
  const handle = createDb({ connectionString: url, max: 2 });
  await migrateToLatest(handle.db);
  await handle.destroy();
  // pg-boss installs its own schema on start; the template carries it, queues included.
  const boss = createBoss({ connectionString: url, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  await ensureQueues(boss);
  await boss.stop({ graceful: false, close: true });
  return {
    adminUrl: server.adminUrl,
    template,
    stop: async () => {
      await dropDatabase(server.adminUrl, template);
      await server.stop();
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared ??= prepare();
  users++;
  const { adminUrl, template, stop } = await shared;
  project.provide('databaseAdminUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    if (--users === 0) await stop();
  };
}
