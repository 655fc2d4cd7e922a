declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a database on the test server with the right to CREATE DATABASE. */
    databaseAdminUrl: string;
    /** Name of the migrated template that each test file clones. */
    templateDatabase: string;
  }
}

export {};
