// `instanceof VolleyError` across every entry point and both module formats: loads VolleyError from
// @volley/core, /server and /client with require() and with import(), and prints, for every pair, whether
// an error made by one copy is an instance of the other; plus errors Volley itself rejects with.
'use strict'
const http = require('node:http')

async function main() {
  const entries = ['@volley/core', '@volley/core/server', '@volley/core/client']
  const copies = {}
  for (const entry of entries) {
    copies[`require ${entry}`] = require(entry).VolleyError
    copies[`import ${entry}`] = (await import(entry)).VolleyError
  }
  const names = Object.keys(copies)
  const matrix = {}
  for (const maker of names) {
    for (const checker of names) {
      matrix[`${maker} -> ${checker}`] = new copies[maker]('TIMEOUT', 'x') instanceof copies[checker]
    }
  }
  const sameClass = {
    require: new Set(entries.map((entry) => copies[`require ${entry}`])).size === 1,
    import: new Set(entries.map((entry) => copies[`import ${entry}`])).size === 1,
  }

  // A real rejection: a CommonJS client's request times out against a server that never answers.
  const httpServer = http.createServer()
  const io = require('@volley/core/server').createServer(contract(), { logger: false })
  io.attach(httpServer)
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const client = require('@volley/core/client').createClient(
    contract(),
    `http://127.0.0.1:${httpServer.address().port}`,
    {
      transports: ['websocket'],
      logger: false,
    },
  )
  const rejection = await client.request('ping', 'x', { timeout: 50 }).catch((error) => error)
  client.disconnect()
  await io.close()
  const rejectedBy = {}
  for (const name of names) rejectedBy[name] = rejection instanceof copies[name]

  const { VolleyError } = await import('@volley/core')
  class AppError extends VolleyError {}
  const negatives = {
    plainError: new Error('x') instanceof VolleyError,
    lookalike: Object.assign(new Error('x'), { name: 'VolleyError', code: 'TIMEOUT' }) instanceof VolleyError,
    nullValue: null instanceof VolleyError,
    baseIsNotSubclass: new VolleyError('TIMEOUT', 'x') instanceof AppError,
  }
  const subclass = {
    isSubclass: new AppError('TIMEOUT', 'x') instanceof AppError,
    isVolleyErrorInCjs: new AppError('TIMEOUT', 'x') instanceof require('@volley/core').VolleyError,
    isWithIs: require('@volley/core').VolleyError.is(new AppError('TIMEOUT', 'x')),
  }
  console.log(
    JSON.stringify({
      matrix,
      sameClass,
      rejection: { code: rejection.code, rejectedBy },
      negatives,
      subclass,
    }),
  )
}

function contract() {
  const { defineContract } = require('@volley/core')
  const text = { '~standard': { version: 1, vendor: 'consumer', validate: (value) => ({ value }) } }
  return defineContract({ clientToServer: { ping: { payload: text, ack: text } }, serverToClient: {} })
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
