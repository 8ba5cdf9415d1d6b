// Types of junk-log.mjs (plain JavaScript, so that `npm start`'s server can run it without a build).

export declare const JUNK_LOG_WINDOW_MS: number;

export interface JunkLog {
  note(kind: string, line: string): void;
  flush(): void;
}

export declare function createJunkLog(options?: {
  write?: (line: string) => void;
  now?: () => number;
  windowMs?: number;
}): JunkLog;

export declare function noteJunkRequest(kind: string, line: string): void;
