/** Types of engine/bundle.mjs (plain JavaScript so that engine/bin.mjs can use it before tsx). */
export declare const ROOT: string;
export declare const STALE_MS: number;
export declare const CLI_DIRS: string[];
export declare function cachedBundle(options: {
  name: string;
  entry: string;
  dirs: string[];
  cacheDir?: string;
}): Promise<string>;
