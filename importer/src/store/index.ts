// The workspace store: every imported submission, risk tracking across periods, 环比 and 本年累计 checks.
export * from './analysis';
export * from './errors';
export * from './file';
export { SCHEMA_VERSION, migrate, migrations, schemaVersion } from './migrations';
export * from './periods';
export { Db, type SqlEngine } from './sqlite';
export * from './store';
export * from './tracking-sheets';
export * from './workspace';
