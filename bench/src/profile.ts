import { runBroadcast } from './broadcast'
import { runRequestAck } from './requestAck'
import type { TargetName } from './targets'

// One scenario on one stack, bigger than a bench run, for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=.profiles --conditions=@volley/source --import tsx src/profile.ts request/ack volley
const [scenario = 'request/ack', target = 'volley'] = process.argv.slice(2)
if (scenario !== 'request/ack' && scenario !== 'broadcast')
  throw new Error('scenario: request/ack | broadcast')
if (target !== 'raw' && target !== 'volley') throw new Error('target: raw | volley')
const result =
  scenario === 'request/ack'
    ? await runRequestAck(target as TargetName, { clients: 20, requestsPerClient: 1_500 })
    : await runBroadcast(target as TargetName, { clients: 500, messages: 300 })
console.log(result)
