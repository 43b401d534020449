/// <reference types="astro/client" />

/** Absolute path of the repository root, defined by astro.config.mjs for build-time file reads. */
declare const __WDFLEAK_REPO_ROOT__: string;
