// Types of security-headers.mjs (plain JavaScript, so that `npm start`'s server can run it without a build).

export declare const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[];
export declare function pageContentSecurityPolicy(nonce: string, development: boolean): string;
export declare const REFUSAL_CONTENT_SECURITY_POLICY: string;
