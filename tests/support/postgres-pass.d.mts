// Types for postgres-pass.mjs (plain JavaScript, so that vitest.config.mts can import it).
export declare const USES_DATABASE_UNDER_TEST: RegExp;
export declare const SQLITE_ONLY_FILES: Record<string, string>;
export declare function testFilesUnderTests(): string[];
export declare function postgresPassFiles(): string[];
export declare function vitestInclude(env: Record<string, string | undefined>): string[];
