// Types of startup-rules.mjs (plain JavaScript, so that `npm start`'s server can run it without a build).

export declare const DEFAULT_DATABASE_URL: "file:./data/app.db";
export declare const DATABASE_URL_FORMS: string;
export declare function isDatabaseUrl(databaseUrl: string | undefined): boolean;

export type DatabaseKind = "sqlite" | "postgresql";
export declare function databaseKind(databaseUrl: string | undefined): DatabaseKind;

export declare function sqliteFilePath(databaseUrl: string | undefined): string;
export declare const OWNER_ONLY_FOLDER: number;
export declare const OWNER_ONLY_FILE: number;
export declare function resolveSqlitePath(databaseUrl: string | undefined): string;

export declare function postgresConnectionFields(databaseUrl: string): {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  schema?: string;
};

export declare const DATABASE_START_TIMEOUT_MS: {
  readonly min: number;
  readonly max: number;
  readonly default: number;
};

export declare const PEER_ADDRESS_HEADER: "x-app-peer-address";
export declare const SERVER_SETS_PEER_ADDRESS: unique symbol;
