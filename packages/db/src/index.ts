export { createDb, type Db } from "./client";
export * from "./database";
export { DbError, type DbErrorCode } from "./errors";
export { migrateToLatest } from "./migrate";
export * from "./queries/audit";
export * from "./queries/catalog";
export * from "./queries/observations";
export * from "./queries/programs";
export * from "./queries/users";
