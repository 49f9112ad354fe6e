// For plain `tsc` (vitest's type tests); vue-tsc reads the real .vue types instead.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent
  export default component
}
