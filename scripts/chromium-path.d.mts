// Types for chromium-path.mjs, so TypeScript code in test/ can import it.
export declare const CHROMIUM_ENV: 'PARTITION_LAB_CHROMIUM';
export declare const CHROMIUM_CANDIDATES: readonly string[];
export declare const CHROMIUM_ARGS: readonly string[];
export declare const CHROMIUM_HINT: string;

export interface ChromiumLookupOptions {
  env?: Record<string, string | undefined>;
  candidates?: readonly string[];
}

export declare function isExecutableFile(path: string): boolean;
export declare function findChromium(
  options?: ChromiumLookupOptions,
): { path: string; source: string } | null;
export declare function resolveChromium(options?: ChromiumLookupOptions): string;
