/** Why no Volley server is registered in this process, as a sentence that says what to do. @internal */
export function whyNoServer(caller: string): string {
  const env: Partial<Record<string, string>> = typeof process === 'undefined' ? {} : process.env
  if (env.NEXT_RUNTIME === 'edge') {
    return (
      `[volley] ${caller} needs the Node.js runtime, and this code runs on the edge runtime, which cannot ` +
      "reach the Volley server of your custom server. Remove `export const runtime = 'edge'` from this route " +
      '(the Node.js runtime is the default). On hosts without WebSockets, emit through the Redis emitter of ' +
      '@volley/redis instead.'
    )
  }
  if (env.NEXT_PHASE === 'phase-production-build') {
    return (
      `[volley] ${caller} was called while \`next build\` prerendered a page: no server runs at build time. ` +
      "Call it in a Route Handler or a Server Action, or make the page dynamic (e.g. `await connection()` from 'next/server')."
    )
  }
  if (env.__NEXT_PRIVATE_STANDALONE_CONFIG !== undefined) {
    return (
      `[volley] ${caller}: this app runs on the server.js of \`output: 'standalone'\`, which cannot carry a ` +
      "custom server. Remove `output: 'standalone'`, deploy with `next build` and start your own server " +
      '(`node server.js`, which calls serve({ app, io }) from @volley/next/server).'
    )
  }
  if (typeof process !== 'undefined' && process.title.startsWith('next-server')) {
    return (
      `[volley] ${caller}: this app was started with \`next dev\` or \`next start\`, which run no Volley ` +
      'server. Start it with your custom server instead (`node server.js` or `tsx server.ts`, which calls ' +
      'serve({ app, io }) from @volley/next/server), e.g. "dev": "tsx server.ts --dev", "start": "node server.js".'
    )
  }
  return (
    `[volley] ${caller}: no Volley server runs in this process. Start the app with a custom server that ` +
    'calls serve({ app, io }) from @volley/next/server (or registerVolley(io) for a server you start yourself), ' +
    'and call this from a Route Handler, a Server Action or a Server Component.'
  )
}
