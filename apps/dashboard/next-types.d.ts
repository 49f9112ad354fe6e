// What the generated (and git-ignored) next-env.d.ts provides, so that `tsc` works before any build.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
